import { randomBytes } from 'node:crypto';
import { type ActivityEvent, type ActivityEventInput, minUlidAt } from '@activitykit/schema';
import { ActivityError } from '../errors.ts';
import { searchFilter } from '../query/readInputs.ts';
import { newWebhookSecret, sealSecret } from './secrets.ts';
import { createSender, type SenderDeps } from './senders.ts';
import { assertManages, parseInput, type StreamAccess, scopeOf } from './streamAccess.ts';
import { type DurableRecord, recordStreamChange } from './streamAudit.ts';
import type { StreamCollections, StreamDocument } from './streamDocuments.ts';
import {
  type CreateStreamInput,
  createStreamInputSchema,
  type StreamFilter,
  streamIdSchema,
  type UpdateStreamInput,
  updateStreamInputSchema,
} from './streamInputs.ts';
import { type LogStream, streamView } from './streamView.ts';

/** Log streams of the store (`store.streams`): configure, watch and test them. */
export interface ActivityStreams {
  /**
   * Creates a stream of a tenant's events. A webhook stream's signing secret (`whsec_…`) is in the
   * answer, and never again.
   */
  create(
    input: CreateStreamInput,
    access: StreamAccess,
  ): Promise<{ stream: LogStream; secret?: string }>;
  /** The streams of the tenants the scope manages, with their status. */
  list(access: Pick<StreamAccess, 'scope'>): Promise<LogStream[]>;
  /** One stream and its status (`NOT_FOUND` outside the scope). */
  get(id: string, access: Pick<StreamAccess, 'scope'>): Promise<LogStream>;
  /** Changes a stream's name, destination (same type), filter or format version. */
  update(id: string, input: UpdateStreamInput, access: StreamAccess): Promise<LogStream>;
  /** Stops delivering until resumed. */
  pause(id: string, access: StreamAccess): Promise<LogStream>;
  /** Delivers again: a paused stream, or one in the dead letter (retried at once). */
  resume(id: string, access: StreamAccess): Promise<LogStream>;
  /**
   * A new webhook secret, returned once; the previous one keeps signing too (two signatures)
   * until the next rotation, or at once with `{ keepPrevious: false }`.
   */
  rotateSecret(
    id: string,
    access: StreamAccess,
    options?: { keepPrevious?: boolean },
  ): Promise<{ stream: LogStream; secret: string }>;
  /** Deletes a stream, its delivery state and lease. */
  remove(id: string, access: StreamAccess): Promise<void>;
  /** Sends one test event (`log_stream.test`, not stored) now: whether the destination took it. */
  sendTest(
    id: string,
    access: StreamAccess,
  ): Promise<{ delivered: true; event: ActivityEvent } | { delivered: false; error: string }>;
}

/** What the streams API needs from the store. */
export interface StreamsDeps extends SenderDeps {
  collections: StreamCollections;
  record: DurableRecord;
  /** A complete event (id, time, description) that is not stored, for test deliveries. */
  makeEvent: (input: ActivityEventInput) => ActivityEvent;
}

export function createStreams(deps: StreamsDeps): ActivityStreams {
  const { streams, states, leases } = deps.collections;
  const view = async (stream: StreamDocument) =>
    streamView(stream, await states.findOne({ _id: stream._id }), deps.clock());

  async function load(id: string, access: Pick<StreamAccess, 'scope'>): Promise<StreamDocument> {
    const scope = scopeOf(access as StreamAccess);
    const streamId = parseInput(streamIdSchema, id, 'stream id');
    const stream = await streams.findOne({ _id: streamId });
    if (!stream || !(scope.tenants === '*' || scope.tenants.includes(stream.tenantId))) {
      throw new ActivityError('NOT_FOUND', `No log stream ${streamId} within your scope.`);
    }
    assertManages(scope, stream.tenantId);
    return stream;
  }

  const requireKey = () => {
    if (!deps.key) {
      throw new ActivityError(
        'NOT_CONFIGURED',
        'Webhook streams need the store option streams.secretKey (32 bytes) to encrypt their secrets.',
      );
    }
    return deps.key;
  };

  async function change(
    before: StreamDocument,
    patch: Partial<StreamDocument>,
    input: { access: StreamAccess; action: Parameters<typeof recordStreamChange>[1] },
  ): Promise<StreamDocument> {
    const stream: StreamDocument = { ...before, ...patch, updatedAt: deps.clock() };
    await streams.replaceOne({ _id: before._id }, stream);
    await recordStreamChange(deps.record, input.action, { stream, before, access: input.access });
    return stream;
  }

  return {
    async create(input, access) {
      const scope = scopeOf(access);
      const parsed = parseInput(createStreamInputSchema, input, 'log stream');
      checkSearch(parsed.filter);
      assertManages(scope, parsed.tenantId);
      const now = deps.clock();
      const secret = parsed.destination.type === 'webhook' ? newWebhookSecret() : undefined;
      const stream: StreamDocument = {
        _id: `ls_${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}`,
        tenantId: parsed.tenantId,
        name: parsed.name,
        destination: parsed.destination,
        ...(secret ? { secrets: [sealSecret(requireKey(), secret)] } : {}),
        filter: parsed.filter,
        formatVersion: parsed.formatVersion,
        paused: false,
        startAfter: parsed.startAt === 'now' ? minUlidAt(now.getTime()) : '',
        createdAt: now,
        updatedAt: now,
      };
      await streams.insertOne(stream);
      await recordStreamChange(deps.record, 'created', { stream, access });
      return { stream: await view(stream), ...(secret ? { secret } : {}) };
    },
    async list(access) {
      const scope = scopeOf(access as StreamAccess);
      if (scope.roles !== '*') return [];
      const found = await streams
        .find(scope.tenants === '*' ? {} : { tenantId: { $in: scope.tenants } })
        .toArray();
      found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      return Promise.all(found.map(view));
    },
    get: async (id, access) => view(await load(id, access)),
    async update(id, input, access) {
      const before = await load(id, access);
      const patch = parseInput(updateStreamInputSchema, input, 'log stream update');
      if (patch.filter) checkSearch(patch.filter);
      if (patch.destination && patch.destination.type !== before.destination.type) {
        throw new ActivityError(
          'FORBIDDEN',
          'A stream keeps its destination type: create another stream for a different type.',
        );
      }
      const defined = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      return view(await change(before, defined, { access, action: 'updated' }));
    },
    async pause(id, access) {
      const before = await load(id, access);
      if (before.paused) return view(before);
      return view(await change(before, { paused: true }, { access, action: 'paused' }));
    },
    async resume(id, access) {
      const before = await load(id, access);
      const patch = { paused: false, resumedAt: deps.clock() };
      return view(await change(before, patch, { access, action: 'resumed' }));
    },
    async rotateSecret(id, access, options = {}) {
      const before = await load(id, access);
      if (before.destination.type !== 'webhook') {
        throw new ActivityError('FORBIDDEN', 'Only webhook streams have a signing secret.');
      }
      const secret = newWebhookSecret();
      const kept = options.keepPrevious === false ? [] : (before.secrets ?? []).slice(0, 1);
      const secrets = [sealSecret(requireKey(), secret), ...kept];
      const stream = await change(before, { secrets }, { access, action: 'secretRotated' });
      return { stream: await view(stream), secret };
    },
    async remove(id, access) {
      const stream = await load(id, access);
      await streams.deleteOne({ _id: stream._id });
      await Promise.all([
        states.deleteOne({ _id: stream._id }),
        leases.deleteOne({ _id: stream._id }),
      ]);
      await recordStreamChange(deps.record, 'deleted', { stream, access });
    },
    async sendTest(id, access) {
      const stream = await load(id, access);
      const event = deps.makeEvent({
        tenantId: stream.tenantId,
        action: 'log_stream.test',
        kind: 'other',
        category: 'system',
        actor: access.actor,
        subject: { type: 'log_stream', id: stream._id, label: stream.name },
        description: `A test event of the log stream "${stream.name}".`,
      });
      const sender = createSender(stream, deps);
      try {
        await sender.send([event], 'activity.test');
        return { delivered: true, event };
      } catch (error) {
        return { delivered: false, error: error instanceof Error ? error.message : String(error) };
      } finally {
        sender.close();
      }
    },
  };
}

/** Refuses a search string that does not parse (`INVALID_QUERY` with where), before it is stored. */
function checkSearch(filter: StreamFilter): void {
  if (filter.q?.trim()) searchFilter(filter.q, filter.timeZone);
}
