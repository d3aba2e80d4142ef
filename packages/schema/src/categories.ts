import type { CategoryDefinition } from './categoryDefinition.ts';
import { DEFAULT_CATEGORIES, LOGINS_CATEGORY, OTHER_CATEGORY } from './defaultCategories.ts';
import { inferKind } from './inferKind.ts';
import type { Locale } from './locale.ts';

const AUTH_KINDS = new Set(['login', 'logout', 'login_failed']);

/** What {@link CategoryRegistry.categoryFor} looks at. */
export interface CategoryInput {
  action: string;
  subjectType?: string | undefined;
}

/** The categories an app uses; see {@link createCategoryRegistry}. */
export interface CategoryRegistry {
  get(id: string): CategoryDefinition | undefined;
  /** Every category, defaults first, in definition order. */
  list(): CategoryDefinition[];
  has(id: string): boolean;
  /** How a category names a subject type in a locale (`booking`, `ru` → `бронирование`), if one does. */
  nounFor(subjectType: string, locale: Locale): string | undefined;
  /**
   * The category of an event: `logins` for a login, logout or failed login (`user.signed_in`), else
   * the longest matching action prefix (`note.added` → `profile_notes`), else the subject type
   * (`booking` → `online_booking`, `bookings` too), else `other`.
   */
  categoryFor(input: CategoryInput): string;
}

/** Options of {@link createCategoryRegistry}. */
export interface CategoryRegistryOptions {
  /** Categories added to the defaults; one with a default's id replaces it. Defaults to `[]`. */
  extra?: readonly CategoryDefinition[];
}

/**
 * The default categories plus the app's own.
 *
 * @example
 * ```ts
 * const categories = createCategoryRegistry({
 *   extra: [{ id: 'gift_cards', label: { en: 'Gift cards', ru: 'Подарочные карты' }, icon: 'gift',
 *     subjectTypes: ['gift_card'], actionPrefixes: ['gift_card'] }],
 * });
 * categories.categoryFor({ action: 'booking.cancelled' }); // 'online_booking'
 * categories.categoryFor({ action: 'gift_card.issued' }); // 'gift_cards'
 * categories.get('pos')?.label.ru; // 'Касса'
 * ```
 */
export function createCategoryRegistry(options: CategoryRegistryOptions = {}): CategoryRegistry {
  const byId = new Map<string, CategoryDefinition>();
  for (const definition of [...DEFAULT_CATEGORIES, ...(options.extra ?? [])]) {
    byId.set(definition.id, definition);
  }
  const byPrefix = new Map<string, string>();
  const bySubjectType = new Map<string, string>();
  const nouns = new Map<string, Partial<Record<Locale, string>>>();
  for (const definition of byId.values()) {
    for (const [type, noun] of Object.entries(definition.nouns ?? {})) {
      nouns.set(type.toLowerCase(), { ...nouns.get(type.toLowerCase()), ...noun });
    }
    for (const prefix of definition.actionPrefixes ?? [])
      byPrefix.set(prefix.toLowerCase(), definition.id);
    for (const type of definition.subjectTypes ?? [])
      bySubjectType.set(type.toLowerCase(), definition.id);
  }

  const fromAction = (action: string): string | undefined => {
    const segments = action.toLowerCase().split('.');
    for (let length = segments.length; length > 0; length--) {
      const found = byPrefix.get(segments.slice(0, length).join('.'));
      if (found) return found;
    }
    return undefined;
  };
  const fromSubjectType = (type: string): string | undefined => {
    const lower = type.toLowerCase();
    return (
      bySubjectType.get(lower) ??
      (lower.endsWith('s') ? bySubjectType.get(lower.slice(0, -1)) : undefined)
    );
  };

  return {
    get: (id) => byId.get(id),
    list: () => [...byId.values()],
    has: (id) => byId.has(id),
    nounFor: (subjectType, locale) => nouns.get(subjectType.toLowerCase())?.[locale],
    categoryFor: ({ action, subjectType }) => {
      if (AUTH_KINDS.has(inferKind(action))) return LOGINS_CATEGORY;
      return (
        fromAction(action) ??
        (subjectType ? fromSubjectType(subjectType) : undefined) ??
        OTHER_CATEGORY
      );
    },
  };
}
