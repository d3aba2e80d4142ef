import type { Actor } from './event.ts';
import { formatCount, type Locale, type PluralForms } from './locale.ts';
import type { BurstRule, BusinessHours } from './signalRules.ts';
import { formatLocal } from './zone.ts';

/** The facts a signal's sentence is made of. */
export type SignalFacts =
  | { type: 'failed_login_burst_user'; who: string; count: number; ips: number; rule: BurstRule }
  | { type: 'failed_login_burst_ip'; ip: string; count: number; accounts: number; rule: BurstRule }
  | { type: 'new_ip_login'; who: string; ip: string; count: number }
  | { type: 'off_hours_activity'; who: string; count: number; hours: BusinessHours }
  | { type: 'bulk_delete'; who: string; count: number; rule: BurstRule }
  | { type: 'bulk_deleted_log'; who: string; count: number }
  | { type: 'permission_change'; who: string; count: number; details: string[] };

/** Where and in which language a sentence is written. */
export interface MessageOptions {
  locale: Locale;
  timeZone: string;
  window: { from: Date; to: Date };
}

const WORDS: Record<string, Record<Locale, PluralForms>> = {
  failedLogin: {
    en: { one: 'failed login', other: 'failed logins' },
    ru: {
      one: 'неудачная попытка входа',
      few: 'неудачные попытки входа',
      many: 'неудачных попыток входа',
      other: 'неудачной попытки входа',
    },
  },
  action: {
    en: { one: 'action', other: 'actions' },
    ru: { one: 'действие', few: 'действия', many: 'действий', other: 'действия' },
  },
  deletion: {
    en: { one: 'deletion', other: 'deletions' },
    ru: { one: 'удаление', few: 'удаления', many: 'удалений', other: 'удаления' },
  },
  entry: {
    en: { one: 'activity log entry', other: 'activity log entries' },
    ru: {
      one: 'запись журнала',
      few: 'записи журнала',
      many: 'записей журнала',
      other: 'записи журнала',
    },
  },
  change: {
    en: { one: 'role or permission change', other: 'role or permission changes' },
    ru: {
      one: 'изменение ролей или прав',
      few: 'изменения ролей или прав',
      many: 'изменений ролей или прав',
      other: 'изменения ролей или прав',
    },
  },
};
const DAY_NAMES: Record<Locale, string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  ru: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
};

/**
 * The sentence describing a signal, in English or Russian, with times on the clocks of the zone.
 *
 * @example
 * ```ts
 * signalMessage(
 *   { type: 'new_ip_login', who: 'Alice Smith', ip: '10.0.0.9', count: 1 },
 *   { locale: 'en', timeZone: 'UTC', window: { from: at, to: at } },
 * ); // 'Alice Smith logged in from a new IP address 10.0.0.9 at 2026-11-02 10:00'
 * ```
 */
export function signalMessage(facts: SignalFacts, options: MessageOptions): string {
  const { locale } = options;
  const en = locale === 'en';
  const count = (word: string) =>
    formatCount(facts.count, WORDS[word]?.[locale] ?? { other: word }, locale);
  const when = period(options);
  switch (facts.type) {
    case 'failed_login_burst_user': {
      const rule = ruleText(facts.rule, locale);
      const ips =
        facts.ips > 1
          ? en
            ? ` from ${facts.ips} IP addresses`
            : ` с ${facts.ips} IP-адресов`
          : '';
      return en
        ? `${count('failedLogin')} for ${facts.who}${ips} ${when} (${rule})`
        : `${count('failedLogin')} для ${facts.who}${ips} ${when} (${rule})`;
    }
    case 'failed_login_burst_ip': {
      const rule = ruleText(facts.rule, locale);
      return en
        ? `${count('failedLogin')} from IP ${facts.ip} against ${facts.accounts} ${facts.accounts === 1 ? 'account' : 'accounts'} ${when} (${rule})`
        : `${count('failedLogin')} с IP ${facts.ip} (учётных записей: ${facts.accounts}) ${when} (${rule})`;
    }
    case 'new_ip_login': {
      const at = formatLocal(options.window.from, options.timeZone);
      const more =
        facts.count > 1
          ? en
            ? ` (${facts.count} logins from it in this period)`
            : ` (входов с него за период: ${facts.count})`
          : '';
      return en
        ? `${facts.who} logged in from a new IP address ${facts.ip} at ${at}${more}`
        : `Вход с нового IP-адреса ${facts.ip}: ${facts.who}, ${at}${more}`;
    }
    case 'off_hours_activity': {
      const hours = hoursText(facts.hours, locale);
      return en
        ? `${facts.who}: ${count('action')} outside business hours (${hours}) ${when}`
        : `${facts.who}: ${count('action')} вне рабочего времени (${hours}) ${when}`;
    }
    case 'bulk_delete':
      return `${facts.who}: ${count('deletion')} ${when} (${ruleText(facts.rule, locale)})`;
    case 'bulk_deleted_log':
      return en
        ? `${facts.who} bulk-deleted ${count('entry')} ${when}`
        : `${facts.who}: массовое удаление, ${count('entry')} ${when}`;
    case 'permission_change': {
      const details = facts.details.length > 0 ? `: ${facts.details.join('; ')}` : '';
      return `${facts.who}: ${count('change')} ${when}${details}`;
    }
  }
}

/**
 * How a person or key is named in a sentence: name, email or id.
 *
 * @example
 * ```ts
 * displayName({ id: 'u1', email: 'alice@acme.test' }); // 'alice@acme.test'
 * ```
 */
export function displayName(actor: Pick<Actor, 'id'> & Partial<Actor>): string {
  return actor.name ?? actor.email ?? actor.id;
}

function period({ locale, timeZone, window }: MessageOptions): string {
  const from = formatLocal(window.from, timeZone);
  const to = formatLocal(window.to, timeZone);
  if (from === to) return locale === 'en' ? `at ${from}` : `в ${from}`;
  const end = from.slice(0, 10) === to.slice(0, 10) ? to.slice(11) : to;
  return locale === 'en' ? `between ${from} and ${end}` : `с ${from} по ${end}`;
}

function ruleText(rule: BurstRule, locale: Locale): string {
  return locale === 'en'
    ? `${rule.threshold} or more within ${rule.windowMinutes} minutes`
    : `не менее ${rule.threshold} за ${rule.windowMinutes} мин`;
}

function hoursText(hours: BusinessHours, locale: Locale): string {
  const names = DAY_NAMES[locale];
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const consecutive = days.every((day, i) => i === 0 || day === (days[i - 1] ?? 0) + 1);
  const dayText =
    days.length > 2 && consecutive
      ? `${names[days[0] ?? 0]}–${names[days.at(-1) ?? 0]}`
      : days.map((day) => names[day]).join(', ');
  const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  return `${dayText} ${pad(hours.start)}–${pad(hours.end)}`;
}
