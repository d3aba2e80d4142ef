import type { IntegrityMessageKey } from '../../integrity/messages.ts';
import type { Message } from '../messages.ts';

/**
 * The strings of `<IntegrityPanel>` (`@activitykit/react/integrity`) in Russian. Pass them with
 * the kit's: `messages={{ ru: { ...ruMessages, ...ruIntegrityMessages } }}`.
 */
export const ruIntegrityMessages: Record<IntegrityMessageKey, Message> = {
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
