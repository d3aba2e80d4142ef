import type {
  ActivityEvent,
  ActivityEventInput,
  ActivityScope,
  Actor,
  RecordRef,
} from '@activitykit/schema';
import { MAX_NOTE_LENGTH } from '@activitykit/schema';
import { ActivityError } from './errors.ts';
import { type RequestContext, requestContext } from './internal/auditText.ts';

/** A note on a record's timeline (seed 002). */
export interface AddNoteInput {
  /** The record the note is about. */
  ref: RecordRef;
  /** The note's text, 1 to 5000 characters. */
  body: string;
  /** The signed-in user writing it; stamped on the note. */
  author: Actor;
  /**
   * The tenant. Defaults to the scope's only tenant, else the tenant of the record's latest event
   * the scope can see.
   */
  tenantId?: string;
  /** Where the note was written from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext;
}

export interface AddNoteDeps {
  scope: ActivityScope;
  record: (
    event: ActivityEventInput,
    options: { durable: true },
  ) => Promise<ActivityEvent | undefined>;
  /** The tenant of the record's latest event within the scope, if any. */
  tenantOfRecord: (ref: RecordRef) => Promise<string | undefined>;
}

/** Stores a note as a `note.added` event, durably. Notes are events, so nobody can edit them. */
export async function addNote(note: AddNoteInput, deps: AddNoteDeps): Promise<ActivityEvent> {
  const { scope } = deps;
  if (!scope.canNote)
    throw new ActivityError('FORBIDDEN', 'This scope may not add notes (canNote is false).');
  const body = typeof note.body === 'string' ? note.body.trim() : '';
  if (body.length === 0 || body.length > MAX_NOTE_LENGTH) {
    throw new ActivityError(
      'INVALID_EVENT',
      `A note needs a body of 1 to ${MAX_NOTE_LENGTH} characters.`,
    );
  }
  if (!note.author || note.author.type === 'system' || note.author.type === 'anonymous') {
    throw new ActivityError(
      'INVALID_EVENT',
      'A note needs its author: the signed-in user writing it.',
    );
  }
  const tenantId =
    note.tenantId ??
    (scope.tenants !== '*' && scope.tenants.length === 1
      ? scope.tenants[0]
      : await deps.tenantOfRecord(note.ref));
  if (!tenantId) {
    throw new ActivityError(
      'INVALID_EVENT',
      `Say which tenant the note belongs to (tenantId): your scope spans several and no event of ` +
        `${note.ref.type}:${note.ref.id} tells.`,
    );
  }
  if (scope.tenants !== '*' && !scope.tenants.includes(tenantId)) {
    throw new ActivityError('FORBIDDEN', `Your scope does not include tenant "${tenantId}".`);
  }
  const context = requestContext(note.context);
  const event = await deps.record(
    {
      tenantId,
      action: 'note.added',
      kind: 'note',
      actor: note.author,
      subject: note.ref,
      ...(context ? { context } : {}),
      metadata: { note: body },
    },
    { durable: true },
  );
  if (!event)
    throw new ActivityError('FORBIDDEN', `Capture is switched off for "${note.ref.type}".`);
  return event;
}
