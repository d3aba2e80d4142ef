import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityEvent, ActivityQueryInput, ActivityScopeInput } from '@activitykit/schema';
import { createTestDb, runOnSources } from '@activitykit/test-utils';
import { type CommandStartedEvent, MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';

const testDb = await createTestDb('live_hub');
// The store's own client, with command monitoring: every command it sends is counted.
const client = await MongoClient.connect(testDb.uri, { monitorCommands: true });
afterAll(() => client.close());
const { store, events } = await createTestStore(testDb, { client });
const collection = events().collectionName;
const finds: CommandStartedEvent[] = [];
client.on('commandStarted', (command) => {
  if (command.commandName === 'find' && command.command.find === collection) finds.push(command);
});
const fast = { pollIntervalMs: 100, lookbackMs: 3000 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A watch that collects what it yields until stopped. */
function watching(
  query: ActivityQueryInput,
  scope: ActivityScopeInput | (() => Promise<ActivityScopeInput>),
) {
  const controller = new AbortController();
  const seen: ActivityEvent[] = [];
  const done = (async () => {
    for await (const event of store.watch(query, scope, { ...fast, signal: controller.signal })) {
      seen.push(event);
    }
  })();
  return { seen, done, stop: () => controller.abort() };
}

/** Counts the polls of the hub: a scope function is asked once before each. */
function pollCounter() {
  const counter = { polls: 0 };
  const watch = watching({}, async () => {
    counter.polls += 1;
    return { tenants: ['nobody'] };
  });
  return { counter, watch };
}

/** Finds sent to the collection per poll while `polls` polls run. */
async function findsPerPoll(counter: { polls: number }, polls: number): Promise<number> {
  while (counter.polls < 2) await pause(20); // every watcher is in the hub's window by now
  const startFinds = finds.length;
  const startPolls = counter.polls;
  while (counter.polls < startPolls + polls) await pause(20);
  return (finds.length - startFinds) / (counter.polls - startPolls);
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await pause(25);
  }
}

/** Records `count` events from another `node` process on its own store over the same collection. */
async function writeFromChild(count: number, tenants: string[]) {
  const journalDir = await mkdtemp(join(tmpdir(), 'ak-live-writer-'));
  const args = [testDb.uri, testDb.db.databaseName, collection, String(count), tenants.join(',')];
  try {
    const out = await runOnSources(new URL('../test/writeLive.ts', import.meta.url), [
      ...args,
      journalDir,
    ]);
    return JSON.parse(out) as { id: string; tenantId: string; action: string }[];
  } finally {
    await rm(journalDir, { recursive: true, force: true });
  }
}

describe('the live hub', () => {
  it('polls once for 1 watcher or 50: the finds per poll stay the same', async () => {
    const one = pollCounter();
    const alone = await findsPerPoll(one.counter, 4);
    const others = Array.from({ length: 49 }, (_, i) =>
      watching({ kinds: ['create'] }, { tenants: [`tenant-${i}`] }),
    );
    const fifty = await findsPerPoll(one.counter, 4);
    for (const watch of [one.watch, ...others]) watch.stop();
    await Promise.all([one.watch, ...others].map((watch) => watch.done));
    expect(alone).toBeGreaterThanOrEqual(1);
    // A poll reads one quarter-hour (two when the window crosses one): never one per watcher.
    expect(alone).toBeLessThanOrEqual(2);
    expect(fifty).toBeLessThanOrEqual(2);
  });

  it('stops polling when the last watcher leaves, and starts again with the next', async () => {
    const first = watching({}, { tenants: ['acme'] });
    await until(() => finds.length > 0);
    first.stop();
    await first.done;
    await pause(300); // a poll under way finishes
    const stopped = finds.length;
    await pause(500);
    expect(finds.length).toBe(stopped);
    const next = watching({}, { tenants: ['acme'] });
    await until(() => finds.length > stopped);
    next.stop();
    await next.done;
  });

  it('delivers each event exactly once to each watcher, written by several processes, within its scope', async () => {
    const watchers = {
      acme: watching({}, { tenants: ['acme'] }),
      beta: watching({}, { tenants: ['beta'] }),
      acmeDeletes: watching({ kinds: ['delete'] }, { tenants: ['acme'] }),
      all: watching({}, { tenants: '*' }),
      both: watching({ actions: ['order.*'] }, { tenants: ['acme', 'beta'] }),
    };
    await pause(300);
    const written = (
      await Promise.all([
        writeFromChild(60, ['acme', 'beta']),
        writeFromChild(60, ['beta', 'acme']),
        writeFromChild(60, ['acme', 'gamma']),
      ])
    ).flat();
    const ids = (keep: (e: (typeof written)[number]) => boolean) =>
      written
        .filter(keep)
        .map((e) => e.id)
        .sort();
    const expected = {
      acme: ids((e) => e.tenantId === 'acme'),
      beta: ids((e) => e.tenantId === 'beta'),
      acmeDeletes: ids((e) => e.tenantId === 'acme' && e.action === 'order.deleted'),
      all: ids(() => true),
      both: ids((e) => e.tenantId !== 'gamma'),
    };
    await until(() => watchers.all.seen.length >= written.length);
    await pause(600); // a few more polls: nothing comes twice
    for (const watcher of Object.values(watchers)) watcher.stop();
    await Promise.all(Object.values(watchers).map((watcher) => watcher.done));
    for (const [name, watcher] of Object.entries(watchers)) {
      const got = watcher.seen.map((e) => e.id);
      expect(got.length, name).toBe(new Set(got).size);
      expect([...got].sort(), name).toEqual(expected[name as keyof typeof expected]);
    }
    expect(watchers.beta.seen.every((e) => e.tenantId === 'beta')).toBe(true);
    expect(watchers.acme.seen.some((e) => e.tenantId !== 'acme')).toBe(false);
  });

  it('ends every watch when the store closes', async () => {
    const { store: closing } = await createTestStore(testDb);
    const watch = closing.watch({}, { tenants: ['acme'] }, fast);
    const next = watch.next();
    await pause(200);
    await closing.close();
    expect((await next).done).toBe(true);
  });
});
