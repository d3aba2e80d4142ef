import type { Locale, PluralForms } from '@activitykit/schema';

// The catalog's own types (as i18n/messages.ts declares them): that file names this catalog's keys
// among those `<ActivityProvider messages>` overrides, so this one may not import it back.
type Message = string | PluralForms;
type Messages = Record<string, Message>;

/**
 * The strings of `<IntegrityPanel>` (the separate entry `@activitykit/react/integrity`, so only an
 * app that shows the panel ships them). Override them through `<ActivityProvider messages>` like the
 * shared ones; the panel also uses the shared `integrity.title`, `integrity.notSealed`,
 * `event.count` and `state.errorDetail`.
 */
const en = {
  'integrity.off': 'This log is not sealed.',
  'integrity.tenant': 'Tenant {tenant}',
  'integrity.lastCheckpoint': 'Last checkpoint',
  'integrity.nothingSealed': 'Nothing sealed yet',
  'integrity.verify': 'Verify now',
  'integrity.verifying': 'Verifying… this can take a few seconds.',
  'integrity.cannotVerify': 'Verify needs the server’s public key: ask an administrator.',
  'integrity.ok': 'No tampering found: {checkpoints} checkpoints, {events} events verified.',
  'integrity.failed': 'Verify failed.',
  'integrity.wrongKey': 'Wrong key: no checkpoint verifies with it.',
  'integrity.event': 'Event',
  'integrity.class': 'Found',
  'integrity.checkpoint': 'Checkpoint',
  'integrity.modified': 'Modified',
  'integrity.deleted': 'Deleted',
  'integrity.inserted': 'Inserted',
  'integrity.late': 'Late (signed, benign)',
  'integrity.hash': 'Checkpoint #{seq}: hash mismatch',
  'integrity.signature': 'Checkpoint #{seq}: bad signature',
  'integrity.chain': 'Checkpoint #{seq}: broken chain',
  'integrity.missing': 'Checkpoint #{seq}: missing',
  'integrity.mismatched': 'Checkpoint #{seq}: the anchor differs in {fields}',
  'integrity.anchor': 'Anchor',
  'integrity.anchor.ok': 'OK',
  'integrity.anchor.not_configured': 'not configured',
  'integrity.anchor.missing': 'missing',
  'integrity.anchor.unreadable': 'unreadable',
  'integrity.anchor.empty': 'empty',
  'integrity.anchor.behind': 'behind',
  'integrity.anchor.mismatch': 'mismatch',
  'integrity.explained': 'Not tampering: {expired} expired, {bulkDeleted} bulk-deleted.',
} satisfies Messages;

/** The key of an integrity panel message. */
export type IntegrityMessageKey = keyof typeof en;

/** Russian: same keys as `en`. */
const ru: Record<IntegrityMessageKey, Message> = {
  'integrity.off': 'Журнал не запечатывается.',
  'integrity.tenant': 'Организация {tenant}',
  'integrity.lastCheckpoint': 'Последняя контрольная точка',
  'integrity.nothingSealed': 'Пока ничего не запечатано',
  'integrity.verify': 'Проверить',
  'integrity.verifying': 'Проверка… это может занять несколько секунд.',
  'integrity.cannotVerify':
    'Для проверки серверу нужен открытый ключ: обратитесь к администратору.',
  'integrity.ok': 'Вмешательств нет: проверено точек — {checkpoints}, событий — {events}.',
  'integrity.failed': 'Проверка не пройдена.',
  'integrity.wrongKey': 'Неверный ключ: ни одна точка с ним не сходится.',
  'integrity.event': 'Событие',
  'integrity.class': 'Найдено',
  'integrity.checkpoint': 'Точка',
  'integrity.modified': 'Изменено',
  'integrity.deleted': 'Удалено',
  'integrity.inserted': 'Вставлено',
  'integrity.late': 'Позднее (подписано, не угроза)',
  'integrity.hash': 'Точка #{seq}: хеш не совпадает',
  'integrity.signature': 'Точка #{seq}: неверная подпись',
  'integrity.chain': 'Точка #{seq}: цепочка разорвана',
  'integrity.missing': 'Точка #{seq}: пропала',
  'integrity.mismatched': 'Точка #{seq}: якорь расходится в {fields}',
  'integrity.anchor': 'Якорь',
  'integrity.anchor.ok': 'в порядке',
  'integrity.anchor.not_configured': 'не настроен',
  'integrity.anchor.missing': 'отсутствует',
  'integrity.anchor.unreadable': 'не читается',
  'integrity.anchor.empty': 'пуст',
  'integrity.anchor.behind': 'отстаёт',
  'integrity.anchor.mismatch': 'расходится',
  'integrity.explained': 'Не вмешательство: истекло — {expired}, массово удалено — {bulkDeleted}.',
};

/** The integrity panel's catalog, English and Russian (the `integrity.*` keys beyond the shared ones). */
export const integrityMessages: Record<Locale, Record<IntegrityMessageKey, Message>> = { en, ru };
