import {
  type ActivityEvent,
  type CategoryRegistry,
  DEFAULT_CATEGORIES,
  describe,
  type Locale,
  type RecordRef,
} from '@activitykit/schema';

/**
 * The store's own records of the log (bulk deletes, exports, retention sweeps): never the app's
 * wording, and stored by earlier versions of the core with English text of their own.
 */
const LOG_ACTIONS = new Set(['activity.bulk_deleted', 'activity.exported', 'retention.swept']);

/**
 * The sentence shown for an event: a note's own text (`metadata.note`, as the store writes notes);
 * the stored description when it is the app's own wording; otherwise one generated in the viewer's
 * language. The store describes events in its locale (English by default) when the app gives no
 * description, so a stored description equal to the generated English one is re-generated in
 * the viewer's language, and so is any description of the store's own records of the log.
 */
export function eventSentence(
  event: ActivityEvent,
  locale: Locale,
  categories?: CategoryRegistry,
): string {
  if (event.kind === 'note') {
    const note = event.metadata?.note;
    if (typeof note === 'string' && note) return note;
  }
  const options = categories ? { categories } : {};
  if (!event.description || LOG_ACTIONS.has(event.action)) return describe(event, locale, options);
  if (locale === 'en' || event.description !== describe(event, 'en', options)) {
    return event.description;
  }
  return describe(event, locale, options);
}

/**
 * How the log names a record: the activity log itself (the kit's own record of bulk deletes,
 * exports and sweeps, whose stored label, if any, is English) by the log's title in the reader's
 * language; any other record by its label, else its type and id.
 */
export function recordName(ref: RecordRef, logTitle: string): string {
  if (ref.type === 'activity_log') return logTitle;
  return ref.label ?? `${ref.type} ${ref.id}`;
}

/**
 * How to name an actor: name, else email, else id — or `anonymous` (the reader's word for it) for
 * an anonymous actor, whose id is only a placeholder.
 */
export function actorName(actor: ActivityEvent['actor'], anonymous = 'Anonymous'): string {
  return actor.name ?? actor.email ?? (actor.type === 'anonymous' ? anonymous : actor.id);
}

/** Up to two initials of a name (`Anna Petrova` → `AP`, `Дмитрий` → `Д`). */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/[\s-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.slice(0, 1);
  return letters
    .map((word) => (word ? [...word][0] : ''))
    .join('')
    .toUpperCase();
}

/** A category's label in the locale and its icon name (unknown categories: the id and a dot). */
export function categoryInfo(
  id: string,
  locale: Locale,
  categories?: CategoryRegistry,
): { label: string; icon: string } {
  const definition = categories?.get(id) ?? DEFAULT_CATEGORIES.find((c) => c.id === id);
  return definition
    ? { label: definition.label[locale], icon: definition.icon }
    : { label: id.replaceAll('_', ' '), icon: 'dot' };
}

/** A change's value as short text. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return JSON.stringify(value);
}
