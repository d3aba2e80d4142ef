import type { ActivityEvent } from '@activitykit/schema';
import { activityEventSchema } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../test/storeFixture.ts';
import { readBytes, recordExportEvents, replay } from './exportFixture.ts';
import { exportNdjson } from './exportNdjson.ts';
import { iterateEvents } from './iterateEvents.ts';

const testDb = await createTestDb('export_ndjson');
const { store } = await createTestStore(testDb);

let events: ActivityEvent[] = [];
beforeAll(async () => {
  events = await recordExportEvents(store, 500);
});

describe('exportNdjson', () => {
  it('writes one JSON event per line that parses back to the stored event', async () => {
    const text = (await readBytes(exportNdjson(replay(events)))).toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(events.length);
    const parsed = lines.map((line) =>
      activityEventSchema.parse({
        ...JSON.parse(line),
        occurredAt: new Date(JSON.parse(line).occurredAt),
      }),
    );
    expect(parsed).toEqual(events);
  });

  it('writes dates as ISO 8601 and keeps newlines inside a line escaped', async () => {
    const note = events.find((event) => event.action === 'customer.note_added');
    const text = (await readBytes(exportNdjson(replay(note ? [note] : [])))).toString('utf8');
    expect(text.split('\n')).toEqual([expect.any(String), '']);
    const line = JSON.parse(text) as Record<string, unknown>;
    expect(line.occurredAt).toBe('2026-11-23T11:01:09.000Z');
    expect(line.description).toBe('Called back.\nSays: "refund, please" — twice');
  });

  it('streams straight from the store, page by page', async () => {
    const text = (
      await readBytes(exportNdjson(iterateEvents(store, { scope: { tenants: ['beta'] } })))
    ).toString('utf8');
    const ids = text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(events.filter((event) => event.tenantId === 'beta').map((e) => e.id));
    expect(ids.length).toBe(2);
  });

  it('gives an empty file for no events', async () => {
    expect((await readBytes(exportNdjson(replay([])))).length).toBe(0);
  });
});
