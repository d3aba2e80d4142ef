import type { Locale, SearchErrorReason, SearchProblem } from '@activitykit/schema';

/** The search box's own strings, by locale (beside the log's, so the search stays self-contained). */
interface SearchStrings {
  /** `{problem}`, `{character}` (one-based), `{fix}`. */
  located: string;
  /** `{problem}`, `{fix}`: an error without a place. */
  unlocated: string;
  stale: string;
  suggestions: string;
  /** `{count}`. */
  suggestionCount: string;
  noSuggestions: string;
  /** Each reason's problem and fix; parameters as in `SearchErrorParams`. */
  reasons: Record<SearchErrorReason, [problem: string, fix: string]>;
  /** The fix of `INVALID_VALUE` and `TOO_LONG` for some keys. */
  hints: { action: string; recordKey: string; text: string; other: string };
}

const EN: SearchStrings = {
  located: '{problem} at character {character}: {fix}',
  unlocated: '{problem}: {fix}',
  stale: 'The results below are from the previous search: fix the search to update them.',
  suggestions: 'Suggested users',
  suggestionCount: 'Suggestions: {count}. Use ↑ and ↓ to choose, Enter to pick.',
  noSuggestions: 'No matching users',
  reasons: {
    UNKNOWN_KEY: ['unknown key “{key}”', 'use one of {keys}, or put text with a colon in quotes'],
    EMPTY_VALUE: [
      'nothing after the colon in “{token}”',
      'write a value, in quotes if it has spaces',
    ],
    REPEATED_KEY: ['{key} is given twice (“{token}”)', 'give it only once'],
    UNKNOWN_CHOICE: ['unknown {key} “{value}”', 'use one of {choices}'],
    UNKNOWN_TIME_ZONE: ['unknown time zone “{value}”', 'use an IANA name like Europe/Moscow'],
    INVALID_DATE: [
      'invalid date “{value}”',
      'use YYYY-MM-DD or a date-time like 2026-11-01T09:30:00Z',
    ],
    DATE_OUT_OF_RANGE: ['date out of range “{value}”', 'use a time in the years 0000 to 9999'],
    START_NOT_BEFORE_END: [
      'the start “{start}” is not before the end “{end}” (character {endCharacter})',
      'make the start earlier',
    ],
    INVALID_VALUE: ['invalid {key} “{value}”', '{hint}'],
    TOO_LONG: ['“{value}” is too long', 'use at most {max} characters{hint}'],
    TOO_MANY_VALUES: ['too many {key} values (“{token}”)', 'use at most {max}'],
    UNTERMINATED_QUOTE: ['a quote is not closed in “{text}”', 'end the quoted text with "'],
    TEXT_AFTER_QUOTE: [
      'text right after the closing quote in “{text}”',
      'put a space after the closing "',
    ],
  },
  hints: {
    action: 'write an action like order.created, or a prefix like order.*',
    recordKey: 'write type:id, e.g. {key}:customer:42',
    text: ' of free text in all',
    other: 'check the value',
  },
};

const RU: SearchStrings = {
  located: '{problem} (символ {character}): {fix}',
  unlocated: '{problem}: {fix}',
  stale: 'Ниже — результаты предыдущего поиска: исправьте запрос, чтобы обновить их.',
  suggestions: 'Подсказки: пользователи',
  suggestionCount: 'Подсказок: {count}. Выбор — стрелками ↑ и ↓, подтверждение — Enter.',
  noSuggestions: 'Нет подходящих пользователей',
  reasons: {
    UNKNOWN_KEY: [
      'неизвестный ключ «{key}»',
      'используйте один из ключей {keys} или возьмите текст с двоеточием в кавычки',
    ],
    EMPTY_VALUE: [
      'нет значения после двоеточия в «{token}»',
      'напишите значение, в кавычках, если в нём есть пробелы',
    ],
    REPEATED_KEY: ['ключ {key} указан дважды («{token}»)', 'укажите его один раз'],
    UNKNOWN_CHOICE: ['неизвестное значение {key} «{value}»', 'используйте одно из: {choices}'],
    UNKNOWN_TIME_ZONE: [
      'неизвестный часовой пояс «{value}»',
      'укажите имя IANA, например Europe/Moscow',
    ],
    INVALID_DATE: [
      'неверная дата «{value}»',
      'используйте ГГГГ-ММ-ДД или дату со временем, например 2026-11-01T09:30:00Z',
    ],
    DATE_OUT_OF_RANGE: [
      'дата вне допустимого диапазона «{value}»',
      'укажите время между 0000 и 9999 годом',
    ],
    START_NOT_BEFORE_END: [
      'начало «{start}» не раньше конца «{end}» (символ {endCharacter})',
      'сделайте начало раньше',
    ],
    INVALID_VALUE: ['неверное значение {key} «{value}»', '{hint}'],
    TOO_LONG: ['слишком длинное значение «{value}»', 'не больше {max} символов{hint}'],
    TOO_MANY_VALUES: ['слишком много значений {key} («{token}»)', 'не больше {max}'],
    UNTERMINATED_QUOTE: ['не закрыта кавычка в «{text}»', 'закончите текст в кавычках знаком "'],
    TEXT_AFTER_QUOTE: [
      'текст сразу после закрывающей кавычки в «{text}»',
      'поставьте пробел после закрывающей кавычки',
    ],
  },
  hints: {
    action: 'напишите действие вида order.created или префикс вида order.*',
    recordKey: 'напишите тип:id, например {key}:customer:42',
    text: ' свободного текста в сумме',
    other: 'проверьте значение',
  },
};

const STRINGS: Record<Locale, SearchStrings> = { en: EN, ru: RU };

/** The search box's strings for a locale. */
export function searchStrings(locale: Locale): SearchStrings {
  return STRINGS[locale] ?? EN;
}

/** Fills `{name}` parameters. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

/**
 * A search problem worded in `locale`, at a zero-based `position` (one-based in the text), e.g.
 * `Unknown kind “explode” at character 13: use one of create, update, …`.
 *
 * @example
 * ```ts
 * describeSearchProblem({ reason: 'INVALID_DATE', params: { value: '2026-02-30' } }, 0, 'ru');
 * // 'Неверная дата «2026-02-30» (символ 1): используйте ГГГГ-ММ-ДД или …'
 * ```
 */
export function describeSearchProblem(
  problem: SearchProblem,
  position: number | undefined,
  locale: Locale,
): string {
  const strings = searchStrings(locale);
  const params: Record<string, string | number> = { ...problem.params };
  params.hint = hintFor(problem, strings);
  const [what, fix] = strings.reasons[problem.reason];
  const parts = { problem: fill(what, params), fix: fill(fill(fix, params), params) };
  const text =
    position === undefined
      ? fill(strings.unlocated, parts)
      : fill(strings.located, { ...parts, character: position + 1 });
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

function hintFor(problem: SearchProblem, strings: SearchStrings): string {
  if (problem.reason === 'TOO_LONG') return problem.params.key === 'text' ? strings.hints.text : '';
  if (problem.reason !== 'INVALID_VALUE') return '';
  const { key } = problem.params;
  if (key === 'action') return strings.hints.action;
  if (key === 'subject' || key === 'ref') return fill(strings.hints.recordKey, { key });
  return strings.hints.other;
}
