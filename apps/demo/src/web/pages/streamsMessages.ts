/** The words of the Log streams page, in the app's two languages. */
const EN = {
  title: 'Log streams',
  intro:
    'Send this log to a SIEM as it is written: a signed webhook (Standard Webhooks) or syslog (RFC 5424 over TCP). Delivery is at least once and in order; each event carries its id to deduplicate by.',
  newWebhook: 'New webhook stream',
  newSyslog: 'New syslog stream',
  name: 'Name',
  tenant: 'Business',
  url: 'URL',
  host: 'Host',
  port: 'Port',
  search: 'Only events matching (search syntax, optional)',
  create: 'Create',
  useDemoReceiver: 'The demo receiver',
  secretOnce: 'Signing secret — shown once. The demo receiver has been given it; a SIEM would be.',
  streams: 'Streams',
  none: 'No streams yet.',
  state: 'State',
  delivered: 'Delivered',
  lag: 'Lag',
  lastDelivered: 'Last delivered',
  failures: 'Failures',
  lastError: 'Last error',
  pause: 'Pause',
  resume: 'Resume',
  test: 'Send test event',
  rotate: 'Rotate secret',
  remove: 'Delete',
  testOk: 'Test event delivered.',
  testFailed: 'Test event not delivered:',
  receiver: 'What the demo receivers took',
  receiverHint:
    'The newest 100 deliveries; webhook signatures are checked against the registered secret.',
  nothingYet: 'Nothing has arrived yet.',
  at: 'Arrived',
  via: 'Via',
  events: 'Events',
  signature: 'Signature',
  verified: 'verified',
  notVerified: 'not verified',
  unsigned: 'not signed (syslog)',
  states: 'active|retrying|dead letter|paused',
};

const RU: typeof EN = {
  title: 'Потоки журнала',
  intro:
    'Отправка журнала в SIEM по мере записи: подписанный вебхук (Standard Webhooks) или syslog (RFC 5424 по TCP). Доставка — хотя бы раз и по порядку; у каждого события есть id для устранения повторов.',
  newWebhook: 'Новый поток-вебхук',
  newSyslog: 'Новый поток syslog',
  name: 'Название',
  tenant: 'Бизнес',
  url: 'URL',
  host: 'Хост',
  port: 'Порт',
  search: 'Только события по запросу (синтаксис поиска, необязательно)',
  create: 'Создать',
  useDemoReceiver: 'Приёмник демо',
  secretOnce:
    'Секрет подписи — показан один раз. Приёмнику демо он передан; SIEM его нужно передать.',
  streams: 'Потоки',
  none: 'Потоков пока нет.',
  state: 'Состояние',
  delivered: 'Доставлено',
  lag: 'Отставание',
  lastDelivered: 'Последнее доставлено',
  failures: 'Ошибки подряд',
  lastError: 'Последняя ошибка',
  pause: 'Пауза',
  resume: 'Продолжить',
  test: 'Тестовое событие',
  rotate: 'Сменить секрет',
  remove: 'Удалить',
  testOk: 'Тестовое событие доставлено.',
  testFailed: 'Тестовое событие не доставлено:',
  receiver: 'Что получили приёмники демо',
  receiverHint:
    'Последние 100 доставок; подписи вебхуков проверяются по зарегистрированному секрету.',
  nothingYet: 'Пока ничего не пришло.',
  at: 'Получено',
  via: 'Канал',
  events: 'События',
  signature: 'Подпись',
  verified: 'верна',
  notVerified: 'неверна',
  unsigned: 'без подписи (syslog)',
  states: 'активен|повторы|отложен (dead letter)|на паузе',
};

export type StreamsMessages = typeof EN;

/** The page's words in `locale`. */
export function streamsMessages(locale: 'en' | 'ru'): StreamsMessages {
  return locale === 'ru' ? RU : EN;
}

/** A stream state's name. */
export function stateLabel(messages: StreamsMessages, state: string): string {
  const index = ['active', 'retrying', 'dead_letter', 'paused'].indexOf(state);
  return messages.states.split('|')[index] ?? state;
}
