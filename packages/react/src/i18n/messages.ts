import type { Locale, PluralForms } from '@activitykit/schema';
import type { IntegrityMessageKey } from '../integrity/messages.ts';
import type { LogMessageKey } from '../log/messagesEn.ts';
import type { SearchMessageKey } from '../log/searchMessagesEn.ts';

/** A message: a string with `{name}` placeholders, or plural forms chosen by the `count` param. */
export type Message = string | PluralForms;

/** A catalog of messages by key. */
export type Messages = Record<string, Message>;

/**
 * The kit's shared English messages (built in; other languages are separate entries, e.g.
 * `@activitykit/react/locales/ru`): states, actions, day names, timeline and analytics strings.
 * Keys are stable; an app overrides any of them through `<ActivityProvider messages>`.
 */
export const en = {
  'state.loading': 'Loading activity…',
  'state.empty': 'No activity yet',
  'state.error': 'Could not load activity',
  'state.errorDetail': 'Something went wrong: {message}',
  'state.denied': 'You do not have access to this activity',
  'state.deniedDetail': 'Ask an administrator for access.',
  'state.unauthorized': 'Sign in to see this activity',
  'action.retry': 'Try again',
  'action.loadOlder': 'Load older',
  'day.today': 'Today',
  'day.yesterday': 'Yesterday',
  'event.systemChange': 'Made by the system',
  'event.statusNote': 'Status change',
  'event.note': 'Note',
  'event.failed': 'Failed',
  'event.count': { one: '{count} event', other: '{count} events' },
  'actor.anonymous': 'Anonymous',
  'live.newEvents': { one: '{count} new event', other: '{count} new events' },
  'timeline.label': 'History of {record}',
  'timeline.loadingOlder': 'Loading older activity…',
  'timeline.end': 'Beginning of history',
  'timeline.noteLabel': 'Add a note',
  'timeline.notePlaceholder': 'Write a note for this record…',
  'timeline.noteSave': 'Add note',
  'timeline.noteSaving': 'Saving…',
  'timeline.noteSaved': 'Note added',
  'timeline.noteError': 'Could not save the note: {message}',
  'timeline.noteAs': 'Signed as {name}',
  'timeline.noteTooLong': 'A note is at most {max} characters',
  'timeline.changes': { one: '{count} field changed', other: '{count} fields changed' },
  'timeline.open': 'Open {record}',
  'timeline.noteCount': '{count} / {max}',
  'change.to': 'changed to',
  'change.more': { one: 'and {count} more change', other: 'and {count} more changes' },
  'analytics.label': 'Activity analytics',
  'analytics.total': 'Events',
  'analytics.trend': 'Activity over time',
  'analytics.trendDescription':
    '{total} from {from} to {to}; busiest {bucket}: {peak} with {peakCount}.',
  'analytics.byKind': 'By kind',
  'analytics.byCategory': 'By category',
  'analytics.byAction': 'Top actions',
  'analytics.topActors': 'Most active users',
  'analytics.auth': 'Sign-ins',
  'analytics.logins': 'Logins',
  'analytics.failures': 'Failed logins',
  'analytics.failureRate': 'Failure rate',
  'analytics.uniqueUsers': 'Unique users',
  'analytics.logouts': 'Logouts',
  'analytics.signals': 'Security signals',
  'analytics.noSignals': 'No security signals in this period',
  'analytics.showTable': 'Show as table',
  'analytics.period': 'Period',
  'analytics.count': 'Count',
  'analytics.share': 'Share',
  'analytics.viewEvents': { one: 'View {count} event', other: 'View {count} events' },
  'analytics.bucket.hour': 'hour',
  'analytics.bucket.day': 'day',
  'analytics.bucket.week': 'week',
  'severity.low': 'Low',
  'severity.medium': 'Medium',
  'severity.high': 'High',
  'signal.failed_login_burst_user': 'Repeated failed sign-ins to one account',
  'signal.failed_login_burst_ip': 'Repeated failed sign-ins from one IP address',
  'signal.new_ip_login': 'Sign-in from a new IP address',
  'signal.off_hours_activity': 'Activity outside business hours',
  'signal.bulk_delete': 'Bulk delete',
  'signal.permission_change': 'Role or permission change',
  'signal.detail': '{key}: {events}',
  'kind.create': 'Create',
  'kind.update': 'Update',
  'kind.delete': 'Delete',
  'kind.login': 'Login',
  'kind.logout': 'Logout',
  'kind.login_failed': 'Failed login',
  'kind.access': 'Access',
  'kind.note': 'Note',
  'kind.other': 'Other',
  // Tamper evidence every log shows: its seal locks and the detail drawer's checkpoint line. The
  // integrity panel's own strings are in its entry (src/integrity/messages.ts).
  'integrity.title': 'Integrity',
  'integrity.sealed': 'Sealed',
  'integrity.notSealed': 'Not sealed yet',
  'integrity.sealedBy': 'Sealed by checkpoint #{seq}, {time}',
} satisfies Messages;

/** The key of a shared message. */
export type MessageKey = keyof typeof en;

/**
 * Every key of a language of the kit: the shared messages ({@link MessageKey}), the log's own
 * (`log.title`, `log.column.user`, …) and its search box's (`search.*`).
 */
export type LocaleMessageKey = MessageKey | `log.${LogMessageKey}` | SearchMessageKey;

/**
 * A whole language of the kit, every {@link LocaleMessageKey} translated: what `ruMessages` of
 * `@activitykit/react/locales/ru` is.
 */
export type LocaleMessages = Record<LocaleMessageKey, Message>;

/**
 * Messages per locale (`<ActivityProvider messages>`): a language's catalog (`ruMessages` of
 * `@activitykit/react/locales/ru`), the integrity panel's keys, and any override of a key. English
 * is built in; any key missing for the locale reads in English.
 */
export type MessageOverrides = Partial<
  Record<Locale, Partial<Record<LocaleMessageKey | IntegrityMessageKey, Message>>>
>;
