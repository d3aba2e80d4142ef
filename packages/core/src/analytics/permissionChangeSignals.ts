import type { Actor, Change, RecordRef } from '@activitykit/schema';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { isAdminFlag, mentionsPermissions, words } from './signalMarks.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import type { SignalSource } from './signalReads.ts';

export { mentionsPermissions };

/** The most candidate events read for one call. */
const MAX_SCANNED = 5000;
const ADMIN_WORDS = new Set(['admin', 'administrator', 'owner', 'superuser', 'superadmin', 'root']);

const mentionsAdmin = (text: string | undefined) =>
  words(text ?? '').some((word) => ADMIN_WORDS.has(word));

/** Whether a change hands out administrator rights: `is_admin` turned on, or an admin role added. */
function grantsAdmin(change: Change): boolean {
  if (change.redacted) return false;
  if (isAdminFlag(words(change.path))) return change.after === true;
  return mentionsAdmin(valueText(change.after)) && !mentionsAdmin(valueText(change.before));
}

function valueText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return value.join(', ');
  }
  return undefined;
}

function detail(
  event: { subject?: RecordRef; action: string },
  change: Change | undefined,
): string {
  const subject = event.subject
    ? `${event.subject.type} ${event.subject.label ?? event.subject.id}`
    : event.action;
  if (!change) return `${subject} (${event.action})`;
  const before = change.redacted ? undefined : valueText(change.before);
  const after = change.redacted ? undefined : valueText(change.after);
  const values =
    before !== undefined || after !== undefined ? `: ${before ?? '—'} → ${after ?? '—'}` : '';
  return `${subject} (${change.path}${values})`;
}

/**
 * Role and permission changes (see {@link mentionsPermissions}), one signal per actor (and tenant)
 * over the range, its description naming the first three changes. High when a change makes someone an
 * administrator (an `is_admin` flag set to `true`, or a value with the word admin, administrator,
 * owner, superuser, superadmin or root added), or when an action without changes names one
 * (`user.admin_granted`); medium otherwise, revocations included. At most 5000 candidate events are
 * read per call: the writer marks them (`marks: ['permission_change']`, by the same rule), and
 * the events of the range carrying that mark are read by equality.
 *
 * @example
 * ```ts
 * const signals = await permissionChangeSignals(source, signalSettings({ match, range }));
 * // [{ type: 'permission_change', key: 'u-alice', description: 'Alice: 1 role or permission change at … user Bob (role: staff → admin)' }]
 * ```
 */
export async function permissionChangeSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const docs = (await source.candidates('permission')).slice(0, MAX_SCANNED);
  const byActor = new Map<string, { docs: typeof docs; details: string[]; high: boolean }>();
  for (const doc of docs) {
    const changes = (doc.changes ?? []).filter((change) => mentionsPermissions(change.path));
    if (changes.length === 0 && !mentionsPermissions(doc.action)) continue;
    const id = `${doc.tenantId}\u0000${doc.actor.id}`;
    const entry = byActor.get(id) ?? { docs: [], details: [], high: false };
    entry.docs.push(doc);
    if (entry.details.length < 3) entry.details.push(detail(doc, changes[0]));
    entry.high ||= changes.some(grantsAdmin) || (changes.length === 0 && mentionsAdmin(doc.action));
    byActor.set(id, entry);
  }
  return [...byActor.values()].map((entry) => {
    const first = entry.docs[0] as (typeof docs)[number];
    const last = entry.docs.at(-1) ?? first;
    const window = { from: first.occurredAt, to: last.occurredAt };
    const count = entry.docs.length;
    return makeSignal(
      {
        type: 'permission_change',
        severity: entry.high ? 'high' : 'medium',
        key: first.actor.id,
        tenantId: first.tenantId,
        window,
        count,
        description: signalMessage(
          {
            type: 'permission_change',
            who: displayName(last.actor as Actor),
            count,
            details: entry.details,
          },
          { ...settings, window },
        ),
        events: entry.docs,
      },
      settings.limitEvents,
    );
  });
}
