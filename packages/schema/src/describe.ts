import type { ActionRegistry } from './actions.ts';
import { type CategoryRegistry, createCategoryRegistry } from './categories.ts';
import { kitFact } from './describeKit.ts';
import { kitSentence } from './describeKitSentences.ts';
import {
  actorName,
  english,
  type Fact,
  failedSuffix,
  quote,
  russian,
  subjectPhrase,
  typePhrase,
} from './describeMessages.ts';
import { MORE_CHANGES_PATH } from './diff.ts';
import type { ActivityEvent, Change, EventKind } from './event.ts';
import { inferKind } from './inferKind.ts';
import type { Locale } from './locale.ts';

/** What {@link describe} reads; `kind` and `outcome` are inferred when missing. */
export type DescribableEvent = Pick<ActivityEvent, 'action' | 'actor'> &
  Partial<
    Pick<ActivityEvent, 'kind' | 'subject' | 'changes' | 'outcome' | 'description' | 'metadata'>
  > & {
    /** Only `ip` is read: a bulk delete of the log says where it came from. */
    context?: Pick<ActivityEvent['context'], 'ip'> | undefined;
  };

/** Options of {@link describe}. */
export interface DescribeOptions {
  /** Actions with their own kind or description templates. Defaults to none. */
  registry?: ActionRegistry;
  /** Where subject types get their nouns (`booking` → `бронирование`). Defaults to the default categories. */
  categories?: CategoryRegistry;
}

const GENERIC_UPDATES = new Set(['updated', 'changed', 'edited', 'modified', 'update', 'saved']);
const MAX_LISTED_FIELDS = 3;
let defaultCategories: CategoryRegistry | undefined;
const getDefaultCategories = (): CategoryRegistry => {
  defaultCategories ??= createCategoryRegistry();
  return defaultCategories;
};

/**
 * A plain-language sentence for an event, in English or Russian, always generated from the event's
 * fields (the writer stores it as `description` when the app gives none). An action's template from
 * the registry wins; otherwise the sentence follows the kind: creates, deletes, changed fields
 * (`changed 3 fields of order #42`), status changes (`from new to paid`), logins, logouts, failed
 * logins (`Failed login for alice@example.com`, from `metadata.identifier` or the actor), notes,
 * reads, and a humanised action name for anything else. A failed outcome adds ` (failed)`.
 *
 * @example
 * ```ts
 * const event = {
 *   action: 'order.updated',
 *   actor: { id: 'u1', type: 'user', name: 'Alice Smith' },
 *   subject: { type: 'order', id: '42' },
 *   changes: [{ path: 'qty' }, { path: 'price' }, { path: 'note' }, { path: 'total' }, { path: 'tip' }],
 * } as const;
 * describe(event, 'en'); // 'Alice Smith changed 5 fields of order #42'
 * describe(event, 'ru'); // 'Alice Smith: изменено 5 полей — заказ №42'
 * ```
 */
export function describe(
  event: DescribableEvent,
  locale: Locale,
  options: DescribeOptions = {},
): string {
  const categories = options.categories ?? getDefaultCategories();
  const definition = options.registry?.get(event.action);
  const template = definition?.describe?.[locale];
  if (template) return render(template, { event, locale, categories });

  const kit = kitFact(event, {
    actor: actorName(event.actor, locale),
    identifier: identifierOf(event),
  });
  if (kit) {
    const sentence = kitSentence(kit, locale);
    // A failed sign-in code and an export that stopped early say so in their own words.
    const saysFailure = kit.type === 'otp_failed' || (kit.type === 'log_exported' && kit.stopped);
    return event.outcome === 'failure' && !saysFailure ? sentence + failedSuffix(locale) : sentence;
  }
  const kind = event.kind ?? definition?.kind ?? inferKind(event.action);
  const fact = toFact({ event, locale, categories, kind });
  const sentence = locale === 'en' ? english(fact) : russian(fact);
  return event.outcome === 'failure' && fact.type !== 'login_failed'
    ? sentence + failedSuffix(locale)
    : sentence;
}

interface Input {
  event: DescribableEvent;
  locale: Locale;
  categories: CategoryRegistry;
}

function toFact(input: Input & { kind: EventKind }): Fact {
  const { event, locale, kind } = input;
  const segments = event.action.toLowerCase().replace(/-/g, '_').split('.');
  const verb = segments.at(-1) ?? '';
  const pastVerb = /^[a-z]+ed$/.test(verb) || verb === 'paid' ? verb : undefined;
  const actor = actorName(event.actor, locale);
  const subject = subjectOf(input);

  if (kind === 'login_failed' || (kind === 'login' && event.outcome === 'failure')) {
    return { type: 'login_failed', identifier: identifierOf(event) };
  }
  if (kind === 'login' || kind === 'logout') return { type: kind, actor };
  const bulk = bulkFact(input, actor, segments);
  if (bulk) return bulk;
  if (kind === 'note') {
    const onItself = /note|comment/i.test(event.subject?.type ?? '');
    const label = event.subject?.label?.trim();
    const about = onItself ? (label ? quote(label, locale) : undefined) : subject;
    return { type: 'note', actor, subject: about, onItself };
  }
  if (kind === 'create' || kind === 'delete') {
    const verbShown = pastVerb === 'created' || pastVerb === 'deleted' ? undefined : pastVerb;
    return { type: kind, actor, subject, verb: verbShown, item: itemOf(input, segments) };
  }
  if (kind === 'access') return { type: 'access', actor, subject, verb: pastVerb };
  if (kind === 'update') return updateFact({ ...input, actor, subject, verb, pastVerb });
  const words =
    segments.length > 1 && segments[0] === event.subject?.type ? segments.slice(1) : segments;
  const phrase = humanize(words.join(' '));
  // A subject guessed from the action's prefix (`auth` → "an auth record") names no record here.
  const named = event.subject ? subject : undefined;
  return { type: 'other', actor, subject: named, verb: pastVerb, phrase };
}

function updateFact(
  input: Input & { actor: string; subject?: string; verb: string; pastVerb?: string },
): Fact {
  const { event, actor, subject, verb, pastVerb } = input;
  const changes = event.changes ?? [];
  const status = changes.find(
    (change) => !change.redacted && (change.path === 'status' || change.path.endsWith('.status')),
  );
  if (verb.includes('status') || (status && changes.length === 1)) {
    return {
      type: 'status',
      actor,
      subject,
      from: shown(status?.before),
      to: shown(status?.after),
    };
  }
  if (pastVerb && !GENERIC_UPDATES.has(pastVerb)) {
    return { type: 'update', actor, subject, verb: pastVerb };
  }
  const count = changedCount(changes);
  if (count === 0) return { type: 'update', actor, subject };
  const listed =
    count <= MAX_LISTED_FIELDS && changes.every((change) => change.path !== MORE_CHANGES_PATH);
  return {
    type: 'fields',
    actor,
    subject,
    count,
    fields: listed ? changes.map((c) => c.path) : undefined,
  };
}

/**
 * `customer.bulk_updated` / `.bulk_deleted` with a count (the data layer's summary of one write
 * that changed many records): `updated 50 customer records`, not `updated a customer record`.
 */
function bulkFact(input: Input, actor: string, segments: readonly string[]): Fact | undefined {
  const verb = segments.at(-1);
  const count = input.event.metadata?.count;
  if (segments.length < 2 || input.event.subject || typeof count !== 'number') return undefined;
  if (verb !== 'bulk_updated' && verb !== 'bulk_deleted') return undefined;
  if (!Number.isSafeInteger(count) || count < 0) return undefined;
  const change = verb === 'bulk_updated' ? 'update' : 'delete';
  return { type: 'bulk', actor, change, count, noun: nounOf(segments[0] ?? '', input) };
}

/**
 * What was added to or removed from the subject when the action names another type than the
 * subject's (`profile_label.added` on a customer: a profile label, not the customer).
 */
function itemOf(input: Input, segments: readonly string[]): string | undefined {
  const type = input.event.subject?.type.toLowerCase().replace(/-/g, '_');
  const resource = segments.slice(0, -1).join('_');
  if (!type || !resource || resource.startsWith(type) || type.startsWith(resource)) {
    return undefined;
  }
  return nounOf(resource, input);
}

function subjectOf({ event, locale, categories }: Input): string | undefined {
  if (event.subject) {
    const noun = nounOf(event.subject.type, { locale, categories });
    return subjectPhrase({ noun, id: event.subject.id, label: event.subject.label }, locale);
  }
  const segments = event.action.split('.');
  if (segments.length < 2 || !segments[0]) return undefined;
  return typePhrase(nounOf(segments[0], { locale, categories }), locale);
}

function nounOf(type: string, { locale, categories }: Omit<Input, 'event'>): string {
  return categories.nounFor(type, locale) ?? humanize(type);
}

/** `giftCard`, `gift_card`, `gift-card` → `gift card`. */
function humanize(text: string): string {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Changed fields, those a capped diff left out included. */
function changedCount(changes: readonly Change[]): number {
  let count = 0;
  for (const change of changes) {
    count +=
      change.path === MORE_CHANGES_PATH && typeof change.after === 'number' ? change.after : 1;
  }
  return count;
}

/** A value short enough to show inline, else nothing. */
function shown(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= 100 ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function identifierOf(event: DescribableEvent): string | undefined {
  const given = event.metadata?.identifier;
  if (typeof given === 'string' && given.trim()) return given.trim();
  const { actor } = event;
  if (actor.email ?? actor.name) return actor.email ?? actor.name;
  return actor.type === 'user' || actor.type === 'api_key' ? actor.id : undefined;
}

function render(template: string, { event, locale, categories }: Input): string {
  const subject = event.subject;
  const values: Record<string, string | undefined> = {
    actor: actorName(event.actor, locale),
    subject: subjectOf({ event, locale, categories }),
    subjectType: subject ? nounOf(subject.type, { locale, categories }) : undefined,
    subjectId: subject?.id,
    subjectLabel: subject?.label ?? subject?.id,
    count: String(changedCount(event.changes ?? [])),
  };
  return template.replace(/\{([\w.]+)\}/g, (whole, key: string) => {
    if (key.startsWith('metadata.')) {
      let at: unknown = event.metadata;
      for (const step of key.slice('metadata.'.length).split('.')) {
        at =
          typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[step] : undefined;
      }
      if (at instanceof Date) return at.toISOString();
      return at === undefined || at === null || typeof at === 'object' ? whole : String(at);
    }
    return values[key] ?? whole;
  });
}
