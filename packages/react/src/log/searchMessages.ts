import type { SearchErrorReason, SearchProblem } from '@activitykit/schema';
import type { ActivityI18n } from '../i18n/createI18n.ts';

/**
 * The search box's own English strings (beside the log's, so the search stays self-contained).
 * Another language comes from the provider's `messages` under the same keys (the Russian ones are
 * in `@activitykit/react/locales/ru`). `search.problem.*` and `search.fix.*` word each reason;
 * their parameters are those of `SearchErrorParams`.
 */
export const SEARCH_MESSAGES_EN = {
  /** `{problem}`, `{character}` (one-based), `{fix}`. */
  'search.located': '{problem} at character {character}: {fix}',
  /** `{problem}`, `{fix}`: an error without a place. */
  'search.unlocated': '{problem}: {fix}',
  'search.stale': 'The results below are from the previous search: fix the search to update them.',
  'search.suggestions': 'Suggested users',
  'search.suggestionCount': 'Suggestions: {count}. Use ↑ and ↓ to choose, Enter to pick.',
  'search.problem.UNKNOWN_KEY': 'unknown key “{key}”',
  'search.fix.UNKNOWN_KEY': 'use one of {keys}, or put text with a colon in quotes',
  'search.problem.EMPTY_VALUE': 'nothing after the colon in “{token}”',
  'search.fix.EMPTY_VALUE': 'write a value, in quotes if it has spaces',
  'search.problem.REPEATED_KEY': '{key} is given twice (“{token}”)',
  'search.fix.REPEATED_KEY': 'give it only once',
  'search.problem.UNKNOWN_CHOICE': 'unknown {key} “{value}”',
  'search.fix.UNKNOWN_CHOICE': 'use one of {choices}',
  'search.problem.UNKNOWN_TIME_ZONE': 'unknown time zone “{value}”',
  'search.fix.UNKNOWN_TIME_ZONE': 'use an IANA name like Europe/Moscow',
  'search.problem.INVALID_DATE': 'invalid date “{value}”',
  'search.fix.INVALID_DATE': 'use YYYY-MM-DD or a date-time like 2026-11-01T09:30:00Z',
  'search.problem.DATE_OUT_OF_RANGE': 'date out of range “{value}”',
  'search.fix.DATE_OUT_OF_RANGE': 'use a time in the years 0000 to 9999',
  'search.problem.START_NOT_BEFORE_END':
    'the start “{start}” is not before the end “{end}” (character {endCharacter})',
  'search.fix.START_NOT_BEFORE_END': 'make the start earlier',
  'search.problem.INVALID_VALUE': 'invalid {key} “{value}”',
  'search.fix.INVALID_VALUE': '{hint}',
  'search.problem.TOO_LONG': '“{value}” is too long',
  'search.fix.TOO_LONG': 'use at most {max} characters{hint}',
  'search.problem.TOO_MANY_VALUES': 'too many {key} values (“{token}”)',
  'search.fix.TOO_MANY_VALUES': 'use at most {max}',
  'search.problem.UNTERMINATED_QUOTE': 'a quote is not closed in “{text}”',
  'search.fix.UNTERMINATED_QUOTE': 'end the quoted text with "',
  'search.problem.TEXT_AFTER_QUOTE': 'text right after the closing quote in “{text}”',
  'search.fix.TEXT_AFTER_QUOTE': 'put a space after the closing "',
  /** The fix of `INVALID_VALUE` and `TOO_LONG` for some keys. */
  'search.hint.action': 'write an action like order.created, or a prefix like order.*',
  'search.hint.recordKey': 'write type:id, e.g. {key}:customer:42',
  'search.hint.text': ' of free text in all',
  'search.hint.other': 'check the value',
} satisfies Record<`search.${string}`, string> &
  Record<`search.${'problem' | 'fix'}.${SearchErrorReason}`, string>;

/** The key of a search box message. */
export type SearchMessageKey = keyof typeof SEARCH_MESSAGES_EN;

const CATALOG = { en: SEARCH_MESSAGES_EN };

/** Translates a key of the search box's strings, filling `{name}` parameters. */
export type SearchTranslate = (
  key: SearchMessageKey,
  params?: Record<string, string | number>,
) => string;

/** The search box's translator over the provider's i18n (its `messages` win, English otherwise). */
export function searchTranslator(i18n: ActivityI18n): SearchTranslate {
  return (key, params) => i18n.format(CATALOG, key, params);
}

/**
 * A search problem worded in the reader's language, at a zero-based `position` (one-based in the
 * text), e.g. `Unknown kind “explode” at character 13: use one of create, update, …`.
 *
 * @example
 * ```ts
 * describeSearchProblem({ reason: 'INVALID_DATE', params: { value: '2026-02-30' } }, 0, i18n);
 * // 'Invalid date “2026-02-30” at character 1: use YYYY-MM-DD or …'
 * ```
 */
export function describeSearchProblem(
  problem: SearchProblem,
  position: number | undefined,
  i18n: ActivityI18n,
): string {
  const t = searchTranslator(i18n);
  // Values are shown as typed (`5000`, not `5,000`).
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(problem.params)) params[name] = String(value);
  params.hint = hintFor(problem, t);
  const parts = {
    problem: t(`search.problem.${problem.reason}`, params),
    fix: t(`search.fix.${problem.reason}`, params),
  };
  const text =
    position === undefined
      ? t('search.unlocated', parts)
      : t('search.located', { ...parts, character: String(position + 1) });
  return text.charAt(0).toLocaleUpperCase(i18n.locale) + text.slice(1);
}

function hintFor(problem: SearchProblem, t: SearchTranslate): string {
  if (problem.reason === 'TOO_LONG')
    return problem.params.key === 'text' ? t('search.hint.text') : '';
  if (problem.reason !== 'INVALID_VALUE') return '';
  const { key } = problem.params;
  if (key === 'action') return t('search.hint.action');
  if (key === 'subject' || key === 'ref') return t('search.hint.recordKey', { key });
  return t('search.hint.other');
}
