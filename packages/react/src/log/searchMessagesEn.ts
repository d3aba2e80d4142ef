import type { SearchErrorReason } from '@activitykit/schema';

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
