import {
  type Actor,
  type Change,
  changeValueText,
  permissionChange,
  type RecordRef,
} from '@activitykit/schema';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { displayName, signalMessage } from './signalMessages.ts';
import type { SignalSource } from './signalReads.ts';

/** The most candidate events read for one call. */
const MAX_SCANNED = 5000;
function detail(
  event: { subject?: RecordRef; action: string },
  change: Change | undefined,
): string {
  const subject = event.subject
    ? `${event.subject.type} ${event.subject.label ?? event.subject.id}`
    : event.action;
  if (!change) return `${subject} (${event.action})`;
  const before = change.redacted ? undefined : changeValueText(change.before);
  const after = change.redacted ? undefined : changeValueText(change.after);
  const values =
    before !== undefined || after !== undefined ? `: ${before ?? '—'} → ${after ?? '—'}` : '';
  return `${subject} (${change.path}${values})`;
}

/**
 * Role and permission changes (see `permissionChange` in @activitykit/schema), one signal per actor (and tenant)
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
    const found = permissionChange(doc);
    if (!found) continue;
    const { changes } = found;
    const id = `${doc.tenantId}\u0000${doc.actor.id}`;
    const entry = byActor.get(id) ?? { docs: [], details: [], high: false };
    entry.docs.push(doc);
    if (entry.details.length < 3) entry.details.push(detail(doc, changes[0]));
    entry.high ||= found.grantsAdmin;
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
