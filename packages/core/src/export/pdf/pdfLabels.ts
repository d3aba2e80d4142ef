import { type Locale, pluralForm } from '@activitykit/schema';

/** The words of a PDF export, in one language. */
export interface PdfLabels {
  filters: string;
  noFilters: string;
  /** The header line of a selection: `Selection: 3 selected events`. */
  selection: string;
  selected: (events: number) => string;
  timeZone: string;
  generated: string;
  /** `Page 3 of ` — the total follows once it is known. */
  pageOf: (page: number) => string;
  columns: { time: string; user: string; action: string; description: string; ip: string };
  count: (events: number) => string;
  empty: string;
  truncated: (rows: number) => string;
}

const RU_EVENTS = { one: 'событие', few: 'события', many: 'событий', other: 'события' };
const RU_SELECTED = {
  one: 'выбранное событие',
  few: 'выбранных события',
  many: 'выбранных событий',
  other: 'выбранного события',
};
const number = (value: number, locale: Locale) => new Intl.NumberFormat(locale).format(value);

/** The labels of PDF exports, in English and Russian. */
export const PDF_LABELS: Record<Locale, PdfLabels> = {
  en: {
    filters: 'Filters',
    noFilters: 'none (all events in scope)',
    selection: 'Selection',
    selected: (events) =>
      `${number(events, 'en')} selected ${pluralForm(events, { one: 'event', other: 'events' }, 'en')}`,
    timeZone: 'Time zone',
    generated: 'Generated',
    pageOf: (page) => `Page ${page} of `,
    columns: { time: 'Time', user: 'User', action: 'Action', description: 'Description', ip: 'IP' },
    count: (events) =>
      `${number(events, 'en')} ${pluralForm(events, { one: 'event', other: 'events' }, 'en')}`,
    empty: 'No events match these filters.',
    truncated: (rows) =>
      `Truncated at ${number(rows, 'en')} rows: more events match these filters. ` +
      'Export CSV or NDJSON to get all of them.',
  },
  ru: {
    filters: 'Фильтры',
    noFilters: 'нет (все доступные события)',
    selection: 'Выборка',
    selected: (events) => `${number(events, 'ru')} ${pluralForm(events, RU_SELECTED, 'ru')}`,
    timeZone: 'Часовой пояс',
    generated: 'Сформировано',
    pageOf: (page) => `Страница ${page} из `,
    columns: {
      time: 'Время',
      user: 'Пользователь',
      action: 'Действие',
      description: 'Описание',
      ip: 'IP',
    },
    count: (events) => `${number(events, 'ru')} ${pluralForm(events, RU_EVENTS, 'ru')}`,
    empty: 'Нет событий, подходящих под эти фильтры.',
    truncated: (rows) =>
      `Выгрузка обрезана на ${number(rows, 'ru')} строках: под фильтры подходит больше событий. ` +
      'Выгрузите CSV или NDJSON, чтобы получить все.',
  },
};
