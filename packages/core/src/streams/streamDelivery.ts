import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type DeliverDeps, deliverStream } from './deliverStream.ts';
import { acquireLease, releaseLease } from './lease.ts';
import { createSender, type SenderDeps, type StreamSender } from './senders.ts';
import type { StreamDocument } from './streamDocuments.ts';

/** The background delivery of every stream this process may hold. */
export interface StreamDelivery {
  /** One pass over every stream now (the timer runs it too); resolves when it is done. */
  runOnce(): Promise<void>;
  /** Stops polling, waits for the runs under way, and gives the leases up. */
  stop(): Promise<void>;
}

/** A lease holder id: this host, this process, and a random part. */
export function newHolderId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Polls every `pollIntervalMs`: for each stream that is not paused, renews or takes its lease
 * and, if this process holds it, runs a delivery (see {@link deliverStream}). Streams deliver
 * side by side, each one batch at a time.
 */
export function startStreamDelivery(
  deps: Omit<DeliverDeps, 'holder' | 'stopping'> & {
    key: SenderDeps['key'];
    ready: () => Promise<boolean>;
    onError: (error: unknown) => void;
  },
): StreamDelivery {
  const holder = newHolderId();
  const held = new Set<string>();
  const senders = new Map<string, { version: Date; sender: StreamSender }>();
  let stopped = false;
  const active = new Map<string, Promise<void>>();
  const deliverDeps: DeliverDeps = { ...deps, holder, stopping: () => stopped };

  const senderOf = (stream: StreamDocument): StreamSender => {
    const known = senders.get(stream._id);
    if (known && known.version.getTime() === stream.updatedAt.getTime()) return known.sender;
    known?.sender.close();
    const sender = createSender(stream, deps);
    senders.set(stream._id, { version: stream.updatedAt, sender });
    return sender;
  };

  async function runStream(stream: StreamDocument): Promise<void> {
    const mine = await acquireLease(deps.collections.leases, {
      streamId: stream._id,
      holder,
      now: deps.clock(),
      leaseMs: deps.settings.leaseMs,
    });
    if (!mine) {
      held.delete(stream._id);
      return;
    }
    held.add(stream._id);
    await deliverStream(stream, senderOf(stream), deliverDeps);
  }

  async function pass(): Promise<void> {
    if (!(await deps.ready())) return;
    const streams = await deps.collections.streams.find({ paused: false }).toArray();
    const live = new Set(streams.map((stream) => stream._id));
    for (const [id, { sender }] of senders) {
      if (!live.has(id)) {
        sender.close();
        senders.delete(id);
      }
    }
    // A stream still delivering (a long backlog, a slow receiver) keeps its run; others start.
    for (const stream of streams) {
      if (active.has(stream._id)) continue;
      const run = runStream(stream)
        .catch((error: unknown) => deps.onError(error))
        .finally(() => active.delete(stream._id));
      active.set(stream._id, run);
    }
  }

  let polling: Promise<void> | undefined;
  const poll = () => {
    polling ??= pass()
      .catch((error: unknown) => deps.onError(error))
      .finally(() => {
        polling = undefined;
      });
    return polling;
  };
  const runOnce = async () => {
    await poll();
    await Promise.all(active.values());
  };
  const timer = setInterval(() => {
    if (!stopped) void poll();
  }, deps.settings.pollIntervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await polling;
      await Promise.all(active.values());
      for (const { sender } of senders.values()) sender.close();
      senders.clear();
      await Promise.all(
        [...held].map((streamId) =>
          releaseLease(deps.collections.leases, { streamId, holder }).catch(deps.onError),
        ),
      );
    },
  };
}
