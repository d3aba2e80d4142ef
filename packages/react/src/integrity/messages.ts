import type { PluralForms } from '@activitykit/schema';

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

/**
 * The integrity panel's catalog: English (the `integrity.*` keys beyond the shared ones). Other
 * languages come from the provider's `messages`: `ruIntegrityMessages` of
 * `@activitykit/react/locales/ru`.
 */
export const integrityMessages: { en: Record<IntegrityMessageKey, Message> } = { en };
