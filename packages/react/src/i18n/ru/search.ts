import type { SearchMessageKey } from '../../log/searchMessagesEn.ts';

/** The search box's strings in Russian: the keys of the log's search (`search.*`). */
export const ruSearch: Record<SearchMessageKey, string> = {
  'search.located': '{problem} (символ {character}): {fix}',
  'search.unlocated': '{problem}: {fix}',
  'search.stale': 'Ниже — результаты предыдущего поиска: исправьте запрос, чтобы обновить их.',
  'search.suggestions': 'Подсказки: пользователи',
  'search.suggestionCount': 'Подсказок: {count}. Выбор — стрелками ↑ и ↓, подтверждение — Enter.',
  'search.problem.UNKNOWN_KEY': 'неизвестный ключ «{key}»',
  'search.fix.UNKNOWN_KEY':
    'используйте один из ключей {keys} или возьмите текст с двоеточием в кавычки',
  'search.problem.EMPTY_VALUE': 'нет значения после двоеточия в «{token}»',
  'search.fix.EMPTY_VALUE': 'напишите значение, в кавычках, если в нём есть пробелы',
  'search.problem.REPEATED_KEY': 'ключ {key} указан дважды («{token}»)',
  'search.fix.REPEATED_KEY': 'укажите его один раз',
  'search.problem.UNKNOWN_CHOICE': 'неизвестное значение {key} «{value}»',
  'search.fix.UNKNOWN_CHOICE': 'используйте одно из: {choices}',
  'search.problem.UNKNOWN_TIME_ZONE': 'неизвестный часовой пояс «{value}»',
  'search.fix.UNKNOWN_TIME_ZONE': 'укажите имя IANA, например Europe/Moscow',
  'search.problem.INVALID_DATE': 'неверная дата «{value}»',
  'search.fix.INVALID_DATE':
    'используйте ГГГГ-ММ-ДД или дату со временем, например 2026-11-01T09:30:00Z',
  'search.problem.DATE_OUT_OF_RANGE': 'дата вне допустимого диапазона «{value}»',
  'search.fix.DATE_OUT_OF_RANGE': 'укажите время между 0000 и 9999 годом',
  'search.problem.START_NOT_BEFORE_END':
    'начало «{start}» не раньше конца «{end}» (символ {endCharacter})',
  'search.fix.START_NOT_BEFORE_END': 'сделайте начало раньше',
  'search.problem.INVALID_VALUE': 'неверное значение {key} «{value}»',
  'search.fix.INVALID_VALUE': '{hint}',
  'search.problem.TOO_LONG': 'слишком длинное значение «{value}»',
  'search.fix.TOO_LONG': 'не больше {max} символов{hint}',
  'search.problem.TOO_MANY_VALUES': 'слишком много значений {key} («{token}»)',
  'search.fix.TOO_MANY_VALUES': 'не больше {max}',
  'search.problem.UNTERMINATED_QUOTE': 'не закрыта кавычка в «{text}»',
  'search.fix.UNTERMINATED_QUOTE': 'закончите текст в кавычках знаком "',
  'search.problem.TEXT_AFTER_QUOTE': 'текст сразу после закрывающей кавычки в «{text}»',
  'search.fix.TEXT_AFTER_QUOTE': 'поставьте пробел после закрывающей кавычки',
  'search.hint.action': 'напишите действие вида order.created или префикс вида order.*',
  'search.hint.recordKey': 'напишите тип:id, например {key}:customer:42',
  'search.hint.text': ' свободного текста в сумме',
  'search.hint.other': 'проверьте значение',
};
