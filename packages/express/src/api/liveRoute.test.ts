import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb, runOnSources } from '@activitykit/test-utils';
import { describe, expect, it } from 'vitest';
import { as, startApiApp } from '../test/apiApp.ts';
import { call } from '../test/fixture.ts';

const testDb = await createTestDb('live');
const { base, store } = await startApiApp(testDb, {
  api: { live: { pollIntervalMs: 100, heartbeatMs: 150, lookbackMs: 5000 } },
});
const api = `${base}/api/activity`;
const collection = await collectionOf();

/** The collection the app's store writes (the fixture numbers them per file). */
async function collectionOf(): Promise<string> {
  const names = (await testDb.db.listCollections().toArray()).map((c) => c.name);
  const events = names.filter((name) => /^events_\d+$/.test(name));
  if (events.length !== 1) throw new Error(`expected one events collection, got ${events}`);
  return events[0] as string;
}

interface Message {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Opens the live stream and collects its messages until `close()` is called. */
function openStream(path: string, headers: Record<string, string>) {
  const messages: Message[] = [];
  const controller = new AbortController();
  const ready = fetch(`${api}${path}`, { headers, signal: controller.signal }).then(
    async (response) => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            buffer += decoder.decode(value, { stream: true });
            let end = buffer.indexOf('\n\n');
            while (end !== -1) {
              messages.push(parseMessage(buffer.slice(0, end)));
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf('\n\n');
            }
          }
        } catch {
          // aborted
        }
      })();
      return response;
    },
  );
  return {
    messages,
    ready,
    events: () =>
      messages.filter((m) => m.event === 'activity').map((m) => JSON.parse(m.data ?? '{}')),
    close: () => controller.abort(),
  };
}

function parseMessage(text: string): Message {
  const message: Message = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = line.slice(6);
  }
  return message;
}

async function until(check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Records events from another `node` process, on its own store over the same database. */
async function recordFromChild(events: ActivityEventInput[]): Promise<string[]> {
  const out = await runOnSources(new URL('../test/recordFromChild.ts', import.meta.url), [], {
    env: {
      ...process.env,
      AK_URI: testDb.uri,
      AK_DB: testDb.db.databaseName,
      AK_COLLECTION: collection,
      AK_EVENTS: JSON.stringify(events),
    },
  });
  return JSON.parse(out);
}

const customer = (tenantId: string, id: string, verb = 'created'): ActivityEventInput => ({
  tenantId,
  action: `customer.${verb}`,
  actor: { id: 'u-child', type: 'user', role: 'staff' },
  subject: { type: 'customer', id },
});

describe('GET /live', () => {
  it('streams an event another process wrote, within the scope and filters, with heartbeats', async () => {
    const stream = openStream('/live?kind=create', as('partner'));
    const response = await stream.ready;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const [mine, theirs, deleted] = await recordFromChild([
      customer('acme', 'live-1'),
      customer('beta', 'live-2'),
      customer('acme', 'live-3', 'deleted'),
    ]);
    await until(() => stream.events().some((event) => event.id === mine));
    await until(() => stream.messages.some((m) => m.comment === 'ping'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const ids = stream.events().map((event) => event.id);
    expect(ids).toEqual([mine]);
    expect(ids).not.toContain(theirs);
    expect(ids).not.toContain(deleted);
    expect(stream.messages.find((m) => m.event === 'activity')?.id).toBe(mine);
    stream.close();
  });

  it('resumes after Last-Event-ID without repeating what was sent', async () => {
    const first = await store.record(customer('acme', 'resume-1'), { durable: true });
    const second = await store.record(customer('acme', 'resume-2'), { durable: true });
    const stream = openStream('/live?type=customer', {
      ...as('partner'),
      'last-event-id': String(first?.id),
    });
    await stream.ready;
    await until(() => stream.events().some((event) => event.id === second?.id));
    const [third] = await recordFromChild([customer('acme', 'resume-3')]);
    await until(() => stream.events().some((event) => event.id === third));
    const ids = stream.events().map((event) => event.id);
    expect(ids).not.toContain(first?.id);
    expect(new Set(ids).size).toBe(ids.length);
    stream.close();
  });

  it('refuses callers without a scope before streaming', async () => {
    expect((await call(`${api}/live`)).status).toBe(401);
    expect((await call(`${api}/live`, { headers: as('nobody') })).status).toBe(403);
  });
});
