/**
 * The words of describe()'s sentences, in English and Russian. Internal: used by `describe.ts`
 * only, and not part of the public API.
 * @internal
 * @module
 */
import type { Actor } from './event.ts';
import { formatCount, type Locale, pluralForm } from './locale.ts';

/**
 * What a description says, before it is put in words. `subject` is already a phrase
 * (`order #42`, `заказ №42`); `verb` is the action's own verb when it is more telling than the kind's
 * (`cancelled`, `refunded`).
 */
export type Fact =
  | {
      type: 'create' | 'delete' | 'update';
      actor: string;
      subject?: string;
      verb?: string;
      /** What was added to or removed from the subject (`a profile label`), when not the subject. */
      item?: string;
    }
  | { type: 'fields'; actor: string; subject?: string; count: number; fields?: string[] }
  | { type: 'status'; actor: string; subject?: string; from?: string; to?: string }
  /** One write that changed many records of a type (`customer.bulk_updated`, count in metadata). */
  | { type: 'bulk'; actor: string; change: 'update' | 'delete'; count: number; noun: string }
  | { type: 'note'; actor: string; subject?: string; onItself: boolean }
  | { type: 'login' | 'logout'; actor: string }
  | { type: 'login_failed'; identifier?: string }
  | { type: 'access'; actor: string; subject?: string; verb?: string }
  | {
      type: 'other';
      actor: string;
      subject?: string;
      verb?: string;
      phrase: string;
    };

/** Russian nouns of action verbs, for `Алиса Смирнова: отмена — бронирование №5`. */
const RU_VERBS: Record<string, string> = {
  added: 'добавлена запись',
  restored: 'восстановлена запись',
  signed: 'подписание',
  imported: 'импорт',
  uploaded: 'загрузка',
  issued: 'выпуск',
  registered: 'регистрация',
  removed: 'удалена запись',
  purged: 'удалена запись',
  renamed: 'переименование',
  moved: 'перемещение',
  rescheduled: 'перенос',
  cancelled: 'отмена',
  canceled: 'отмена',
  confirmed: 'подтверждение',
  verified: 'проверка',
  expired: 'истечение срока',
  approved: 'одобрение',
  rejected: 'отклонение',
  assigned: 'назначение',
  unassigned: 'снятие назначения',
  enabled: 'включение',
  disabled: 'отключение',
  activated: 'активация',
  deactivated: 'деактивация',
  archived: 'архивирование',
  completed: 'завершение',
  paid: 'оплата',
  refunded: 'возврат',
  merged: 'объединение',
  viewed: 'просмотр',
  exported: 'экспорт',
  searched: 'поиск',
  downloaded: 'скачивание',
  printed: 'печать',
};

const RECORD_FORMS = {
  en: { one: 'record', other: 'records' },
  ru: { one: 'запись', few: 'записи', many: 'записей', other: 'записи' },
} as const;

const FIELD_FORMS = {
  en: { one: 'field', other: 'fields' },
  ru: { one: 'поле', few: 'поля', many: 'полей', other: 'поля' },
} as const;

/** How an actor is named: the system, a person by name or email, else by type and id. */
export function actorName(actor: Actor, locale: Locale): string {
  const en = locale === 'en';
  if (actor.type === 'system') {
    const system = en ? 'System' : 'Система';
    const name = actor.name?.trim();
    return name && name.toLowerCase() !== 'system' && name !== system
      ? `${system} (${name})`
      : system;
  }
  if (actor.name) return actor.name;
  if (actor.email) return actor.email;
  if (actor.type === 'anonymous') return en ? 'An anonymous user' : 'Анонимный пользователь';
  if (actor.type === 'api_key') return en ? `API key ${actor.id}` : `API-ключ ${actor.id}`;
  return en ? `User ${actor.id}` : `Пользователь ${actor.id}`;
}

/** `order #42`, `customer “Bob Jones”`; `заказ №42`, `клиент «Боб Джонс»`. */
export function subjectPhrase(
  subject: { noun: string; id: string; label?: string | undefined },
  locale: Locale,
): string {
  const label = subject.label?.trim();
  if (label) return `${subject.noun} ${quote(label, locale)}`;
  return locale === 'en' ? `${subject.noun} #${subject.id}` : `${subject.noun} №${subject.id}`;
}

/** A subject known only by its type: `a customer record`; `клиент`. */
export function typePhrase(noun: string, locale: Locale): string {
  return locale === 'en' ? `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun} record` : noun;
}

/** Text in the locale's quotes: “…” or «…». */
export function quote(text: string, locale: Locale): string {
  return locale === 'en' ? `“${text}”` : `«${text}»`;
}

/** The fact as an English sentence. */
export function english(fact: Fact): string {
  const of = (subject: string | undefined) => (subject ? ` of ${subject}` : '');
  const on = (subject: string | undefined) => (subject ? ` ${subject}` : ' a record');
  switch (fact.type) {
    case 'create':
    case 'delete': {
      const verb = fact.verb ?? (fact.type === 'create' ? 'created' : 'deleted');
      if (!fact.item) return `${fact.actor} ${verb}${on(fact.subject)}`;
      // `added a profile label to customer “Olivia Martin”`, not `added customer “Olivia Martin”`.
      const to = fact.type === 'delete' ? 'from' : verb === 'created' ? 'for' : 'to';
      const article = /^[aeiou]/i.test(fact.item) ? 'an' : 'a';
      return `${fact.actor} ${verb} ${article} ${fact.item} ${to} ${fact.subject}`;
    }
    case 'update':
      return `${fact.actor} ${fact.verb ?? 'updated'}${on(fact.subject)}`;
    case 'fields':
      return `${fact.actor} changed ${formatCount(fact.count, FIELD_FORMS.en, 'en')}${list(fact.fields)}${of(fact.subject)}`;
    case 'bulk':
      return `${fact.actor} ${fact.change === 'update' ? 'updated' : 'deleted'} ${fact.count} ${fact.noun} ${pluralForm(fact.count, RECORD_FORMS.en, 'en')}`;
    case 'status': {
      const from = fact.from === undefined ? '' : ` from ${fact.from}`;
      const to = fact.to === undefined ? '' : ` to ${fact.to}`;
      const verb = from === '' && to !== '' ? 'set' : 'changed';
      return `${fact.actor} ${verb} the status${of(fact.subject)}${from}${to}`;
    }
    case 'note':
      if (fact.onItself)
        return `${fact.actor} added a note${fact.subject ? ` ${fact.subject}` : ''}`;
      return `${fact.actor} added a note${fact.subject ? ` to ${fact.subject}` : ''}`;
    case 'login':
      return `${fact.actor} signed in`;
    case 'logout':
      return `${fact.actor} signed out`;
    case 'login_failed':
      return fact.identifier ? `Failed login for ${fact.identifier}` : 'Failed login';
    case 'access':
      return `${fact.actor} ${fact.verb ?? 'accessed'}${on(fact.subject)}`;
    case 'other':
      if (fact.verb && fact.subject) return `${fact.actor} ${fact.verb} ${fact.subject}`;
      return `${fact.actor}: ${fact.phrase}${fact.subject ? ` (${fact.subject})` : ''}`;
  }
}

/**
 * The fact as a Russian sentence. Russian verbs agree with the actor's gender, which the log does
 * not know, so every sentence is `Actor: what happened — subject`, with the action as a noun or an
 * impersonal participle (`изменено 3 поля`, `создана запись`) and the subject in the nominative.
 */
export function russian(fact: Fact): string {
  const tail = (subject: string | undefined) => (subject ? ` — ${subject}` : '');
  const verb = (fallback: string, given?: string) =>
    (given !== undefined ? RU_VERBS[given] : undefined) ?? fallback;
  switch (fact.type) {
    case 'create':
      return `${fact.actor}: ${verb('создана запись', fact.verb)}${tail(fact.subject)}`;
    case 'update':
      return `${fact.actor}: ${verb('изменена запись', fact.verb)}${tail(fact.subject)}`;
    case 'delete':
      return `${fact.actor}: ${verb('удалена запись', fact.verb)}${tail(fact.subject)}`;
    case 'fields':
      return `${fact.actor}: изменено ${formatCount(fact.count, FIELD_FORMS.ru, 'ru')}${list(fact.fields)}${tail(fact.subject)}`;
    case 'bulk':
      return `${fact.actor}: ${fact.change === 'update' ? 'массовое изменение' : 'массовое удаление'}, ${formatCount(fact.count, RECORD_FORMS.ru, 'ru')} — ${fact.noun}`;
    case 'status': {
      if (fact.from === undefined && fact.to !== undefined) {
        return `${fact.actor}: установлен статус ${quote(fact.to, 'ru')}${tail(fact.subject)}`;
      }
      const change =
        fact.from !== undefined && fact.to !== undefined
          ? ` с ${quote(fact.from, 'ru')} на ${quote(fact.to, 'ru')}`
          : '';
      return `${fact.actor}: статус изменён${change}${tail(fact.subject)}`;
    }
    case 'note':
      if (fact.onItself)
        return `${fact.actor}: добавлена заметка${fact.subject ? ` ${fact.subject}` : ''}`;
      return `${fact.actor}: добавлена заметка${tail(fact.subject)}`;
    case 'login':
      return `${fact.actor}: вход в систему`;
    case 'logout':
      return `${fact.actor}: выход из системы`;
    case 'login_failed':
      return fact.identifier
        ? `Неудачная попытка входа: ${fact.identifier}`
        : 'Неудачная попытка входа';
    case 'access':
      return `${fact.actor}: ${verb('просмотр', fact.verb)}${tail(fact.subject)}`;
    case 'other': {
      const known = fact.verb !== undefined ? RU_VERBS[fact.verb] : undefined;
      return `${fact.actor}: ${known ?? `действие «${fact.phrase}»`}${tail(fact.subject)}`;
    }
  }
}

/** The suffix of a failed action. */
export function failedSuffix(locale: Locale): string {
  return locale === 'en' ? ' (failed)' : ' (не выполнено)';
}

/** ` (email, phone)`, or nothing. */
function list(fields: string[] | undefined): string {
  return fields && fields.length > 0 ? ` (${fields.join(', ')})` : '';
}
