import { MORE_CHANGES_PATH } from '../diff.ts';
import type { Change } from '../event.ts';
import type { Locale } from '../locale.ts';
import { REDACTED } from '../redact.ts';

/** Options of {@link formatCsvChanges}. */
export interface FormatCsvChangesOptions {
  /** The language of the "more changes" note. Defaults to `'en'`. */
  locale?: Locale;
  /** The longest a single value is shown before it is cut with `…`. Defaults to `120`. */
  maxValueLength?: number;
  /** The longest the whole text gets before it is cut with `…`. Defaults to `4000`. */
  maxLength?: number;
}

/** What a missing value (a field that did not exist before, or no longer exists) is shown as. */
const NOTHING = '∅';

/**
 * Field-level changes as one compact line for a CSV cell: `path: before → after; …`. Strings are
 * shown bare, dates as ISO 8601, objects and arrays as JSON, a missing value as `∅`, a redacted
 * change as `path: [redacted]`, and the note a capped diff leaves as `(+N more)` / `(ещё N)`.
 *
 * @example
 * ```ts
 * formatCsvChanges([
 *   { path: 'status', before: 'new', after: 'paid' },
 *   { path: 'tags', before: undefined, after: ['vip'] },
 *   { path: 'password', redacted: true },
 * ]);
 * // 'status: new → paid; tags: ∅ → ["vip"]; password: [redacted]'
 * ```
 */
export function formatCsvChanges(
  changes: readonly Change[] | undefined,
  options: FormatCsvChangesOptions = {},
): string {
  if (!changes || changes.length === 0) return '';
  const { locale = 'en', maxValueLength = 120, maxLength = 4000 } = options;
  const show = (value: unknown) => clip(valueText(value), maxValueLength);
  let text = '';
  for (const change of changes) {
    let part: string;
    if (change.path === MORE_CHANGES_PATH && typeof change.after === 'number') {
      part = locale === 'ru' ? `(ещё ${change.after})` : `(+${change.after} more)`;
    } else if (change.redacted) {
      part = `${change.path}: ${REDACTED}`;
    } else {
      part = `${change.path}: ${show(change.before)} → ${show(change.after)}`;
    }
    text += text ? `; ${part}` : part;
    if (text.length > maxLength) return clip(text, maxLength);
  }
  return text;
}

function valueText(value: unknown): string {
  if (value === undefined) return NOTHING;
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value, (_key, item: unknown) =>
        typeof item === 'bigint' ? item.toString() : item,
      );
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** `text` cut to `max` UTF-16 units with `…`, never between the two halves of a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
