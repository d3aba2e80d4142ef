import type { EventKind } from './event.ts';

const LOGIN = new Set([
  'login',
  'log_in',
  'logged_in',
  'signin',
  'sign_in',
  'signed_in',
  'login_succeeded',
]);
const LOGOUT = new Set(['logout', 'log_out', 'logged_out', 'signout', 'sign_out', 'signed_out']);
const LOGIN_FAILED = new Set(['login_failed', 'failed_login', 'sign_in_failed', 'signin_failed']);
const NOTE = new Set(['note_added', 'noted', 'commented', 'comment_added']);
const CREATE = new Set([
  'created',
  'create',
  'added',
  'add',
  'inserted',
  'registered',
  'signed',
  'imported',
  'uploaded',
  'issued',
  'restored',
]);
const UPDATE = new Set([
  'updated',
  'update',
  'changed',
  'edited',
  'modified',
  'renamed',
  'moved',
  'rescheduled',
  'cancelled',
  'canceled',
  'confirmed',
  'verified',
  'expired',
  'approved',
  'rejected',
  'assigned',
  'unassigned',
  'enabled',
  'disabled',
  'activated',
  'deactivated',
  'archived',
  'completed',
  'paid',
  'refunded',
  'merged',
  'reset',
]);
const DELETE = new Set(['deleted', 'delete', 'removed', 'remove', 'destroyed', 'purged', 'erased']);
const ACCESS = new Set([
  'viewed',
  'view',
  'read',
  'accessed',
  'exported',
  'export',
  'searched',
  'search',
  'downloaded',
  'printed',
  'report',
  'ran',
  'run',
]);
const AUTH_PREFIXES = new Set(['auth', 'login', 'session', 'otp']);
const NOTE_PREFIXES = new Set(['note', 'comment', 'profile_note']);

/**
 * The kind of an action, from its verb (the last dotted segment):
 *
 * - `auth.login`, `login_succeeded`, `signed_in` → `login`; `auth.logout` → `logout`;
 *   `auth.login_failed` (and any `*_failed` under `auth.`, `login.`, `otp.`) → `login_failed`;
 * - `note.added`, `customer.note_added` → `note`;
 * - `created`, `added`, `signed` (a waiver), `restored` (the record exists again) … → `create`;
 * - `updated`, `changed`, `status_changed`, `renamed`, `rescheduled`, `cancelled`, `verified`,
 *   `expired` … → `update`: a cancelled booking is a change of its status, not a deletion;
 * - `deleted`, `removed`, `purged` … → `delete`;
 * - `viewed`, `exported`, `searched`, `downloaded`, and anything under `report.` → `access`;
 * - suffixes count too: `*_added` / `*_created` → `create`, `*_changed` / `*_updated` → `update`,
 *   `*_removed` / `*_deleted` → `delete`, `*_viewed` / `*_exported` → `access`;
 * - anything else → `other` (e.g. `auth.otp_requested`).
 *
 * @example
 * ```ts
 * inferKind('order.status_changed'); // 'update'
 * inferKind('booking.cancelled'); // 'update'
 * inferKind('auth.login_failed'); // 'login_failed'
 * ```
 */
export function inferKind(action: string): EventKind {
  const segments = action.toLowerCase().replace(/-/g, '_').split('.');
  const verb = segments.at(-1) ?? '';
  const prefix = segments.length > 1 ? (segments[0] ?? '') : '';

  if (LOGIN_FAILED.has(verb) || (AUTH_PREFIXES.has(prefix) && verb.endsWith('failed'))) {
    return 'login_failed';
  }
  if (LOGIN.has(verb)) return 'login';
  if (LOGOUT.has(verb)) return 'logout';
  if (NOTE.has(verb) || (NOTE_PREFIXES.has(prefix) && isCreate(verb))) return 'note';
  if (isCreate(verb)) return 'create';
  if (UPDATE.has(verb) || /_(changed|updated|edited|renamed)$/.test(verb)) return 'update';
  if (DELETE.has(verb) || /_(removed|deleted)$/.test(verb)) return 'delete';
  if (ACCESS.has(verb) || prefix === 'report' || /_(viewed|exported|downloaded)$/.test(verb)) {
    return 'access';
  }
  return 'other';
}

function isCreate(verb: string): boolean {
  return CREATE.has(verb) || /_(added|created)$/.test(verb);
}
