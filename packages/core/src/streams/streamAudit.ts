import type { ActivityEvent, ActivityEventInput, Change } from '@activitykit/schema';
import { requestContext } from '../internal/auditText.ts';
import type { StreamAccess } from './streamAccess.ts';
import type { StreamDocument } from './streamDocuments.ts';

/** The actions a change to a log stream is recorded as. */
export const STREAM_ACTIONS = {
  created: 'log_stream.created',
  updated: 'log_stream.updated',
  paused: 'log_stream.paused',
  resumed: 'log_stream.resumed',
  secretRotated: 'log_stream.secret_rotated',
  deleted: 'log_stream.deleted',
} as const;

type StreamChange = keyof typeof STREAM_ACTIONS;

const KINDS: Record<StreamChange, ActivityEventInput['kind']> = {
  created: 'create',
  updated: 'update',
  paused: 'update',
  resumed: 'update',
  secretRotated: 'update',
  deleted: 'delete',
};

/**
 * The audit event of a change to a stream, in the stream's tenant, by the actor who made it:
 * what changed in its name, destination, filter, format or pause — never a secret (a rotation
 * says only that it happened).
 */
export function streamChangeEvent(
  change: StreamChange,
  input: { stream: StreamDocument; before?: StreamDocument; access: StreamAccess },
): ActivityEventInput {
  const { stream, before, access } = input;
  const event: ActivityEventInput = {
    tenantId: stream.tenantId,
    action: STREAM_ACTIONS[change],
    kind: KINDS[change],
    category: 'system',
    actor: access.actor,
    subject: { type: 'log_stream', id: stream._id, label: stream.name },
    metadata: { destination: stream.destination.type },
  };
  const changes = before ? diffStreams(before, stream) : [];
  if (changes.length > 0) event.changes = changes;
  const context = requestContext(access.context);
  if (context) event.context = context;
  return event;
}

/** The store's durable `record`: resolves once the event is stored. */
export type DurableRecord = (
  event: ActivityEventInput,
  options: { durable: true },
) => Promise<ActivityEvent | undefined>;

/** Records a change durably (the API answers once its audit event is stored). */
export async function recordStreamChange(
  record: DurableRecord,
  change: StreamChange,
  input: Parameters<typeof streamChangeEvent>[1],
): Promise<void> {
  await record(streamChangeEvent(change, input), { durable: true });
}

const AUDITED = ['name', 'destination', 'filter', 'formatVersion', 'paused'] as const;

function diffStreams(before: StreamDocument, after: StreamDocument): Change[] {
  const changes: Change[] = [];
  for (const field of AUDITED) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes.push({ path: field, before: before[field], after: after[field] });
    }
  }
  return changes;
}
