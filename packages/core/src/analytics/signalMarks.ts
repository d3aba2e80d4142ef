/**
 * Labels a stored event carries for the security signals, computed at write time from the same rules
 * the detectors apply: a server that filters only by top-level equality (FerretDB) then finds the
 * candidates of a rule no equality on the event's own fields expresses (a word inside an action or
 * a changed field's name) with `{ tenantId, day, marks: … }`.
 */
import { type Change, permissionChange } from '@activitykit/schema';

/** The mark of an event whose action or a changed field's name mentions roles or permissions. */
export const PERMISSION_MARK = 'permission_change';
/** The mark of a failed sign-in: a `login_failed` event, or a `login` whose outcome is `failure`. */
export const FAILED_LOGIN_MARK = 'failed_login';
/** Beside any other mark: one equality reads every marked event of a day at once. */
export const SIGNAL_MARK = 'signal';

/**
 * The mark of a permission change beside its UTC month (`permission_change@2026-11`): such changes
 * are rare, so one equality reads a month of them. Events stored before it existed lack it; the
 * day counters count both marks, and a day whose counts differ is read by day.
 */
export function monthlyPermissionMark(month: string): string {
  return `${PERMISSION_MARK}@${month}`;
}

/**
 * The marks of an event: {@link PERMISSION_MARK} when its action or a change path mentions
 * permissions (`permissionChange` of @activitykit/schema, the detector's own rule),
 * with {@link monthlyPermissionMark} of its UTC month, {@link FAILED_LOGIN_MARK} for a failed
 * sign-in (one equality finds both kinds of them), and {@link SIGNAL_MARK} beside either; empty for
 * most events.
 *
 * @example
 * ```ts
 * signalMarks({
 *   action: 'user.updated',
 *   occurredAt: new Date('2026-11-20T10:00:00Z'),
 *   changes: [{ path: 'role', before: 'staff', after: 'admin' }],
 * });
 * // ['permission_change', 'permission_change@2026-11', 'signal']
 * ```
 */
export function signalMarks(event: {
  action: string;
  occurredAt: Date;
  kind?: string | undefined;
  outcome?: string | undefined;
  changes?: readonly Change[] | undefined;
}): string[] {
  const marks: string[] = [];
  if (permissionChange(event)) {
    marks.push(PERMISSION_MARK, monthlyPermissionMark(event.occurredAt.toISOString().slice(0, 7)));
  }
  if (event.kind === 'login_failed' || (event.kind === 'login' && event.outcome === 'failure')) {
    marks.push(FAILED_LOGIN_MARK);
  }
  if (marks.length > 0) marks.push(SIGNAL_MARK);
  return marks;
}
