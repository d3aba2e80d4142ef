import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDocument } from '../internal/document.ts';
import { createJournal } from './journal.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function journalDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ak-journal-'));
  dirs.push(dir);
  return dir;
}

function doc(id: string): EventDocument {
  return {
    _id: id,
    tenantId: 't1',
    occurredAt: new Date('2026-11-20T10:00:00.000Z'),
    action: 'customer.created',
    kind: 'create',
    category: 'customer',
    outcome: 'success',
    actor: { id: 'u1', type: 'user' },
    refs: [],
    refKeys: [],
    quarter: 0,
    day: '2026-11-20',
    hour: '2026-11-20T10',
    actorKeys: ['k:u1'],
    context: {},
    metadata: { amount: 10.5 },
  };
}

describe('the journal', () => {
  it('replays appended events with their types intact and removes the file', async () => {
    const dir = await journalDir();
    const journal = createJournal({ dir });
    await journal.append([doc('A'), doc('B')]);
    await journal.append([doc('C')]);
    expect(await journal.pendingFiles()).toBe(1);

    const stored: EventDocument[] = [];
    const result = await journal.replay(async (docs) => void stored.push(...docs));
    expect(result).toEqual({ events: 3, files: 1 });
    expect(stored.map((d) => d._id)).toEqual(['A', 'B', 'C']);
    expect(stored[0]?.occurredAt).toEqual(new Date('2026-11-20T10:00:00.000Z'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the file when storing fails, and replays it later', async () => {
    const dir = await journalDir();
    const journal = createJournal({ dir });
    await journal.append([doc('A')]);
    await expect(
      journal.replay(async () => {
        throw new Error('server down');
      }),
    ).rejects.toThrow('server down');
    expect(await journal.pendingFiles()).toBe(1);
    const stored: string[] = [];
    await journal.replay(async (docs) => void stored.push(...docs.map((d) => d._id)));
    expect(stored).toEqual(['A']);
  });

  it('skips a torn last line left by a crash mid-append', async () => {
    const dir = await journalDir();
    const journal = createJournal({ dir });
    await journal.append([doc('A')]);
    await journal.close();
    const [file] = await readdir(dir);
    await appendFile(join(dir, file ?? ''), '{"_id":"B","tenan');
    const stored: string[] = [];
    const result = await journal.replay(
      async (docs) => void stored.push(...docs.map((d) => d._id)),
    );
    expect(stored).toEqual(['A']);
    expect(result.events).toBe(1);
  });

  it('leaves alone the file of a live process, and takes over that of a dead one', async () => {
    const dir = await journalDir();
    const line = `${JSON.stringify({ _id: 'X', occurredAt: { $date: { $numberLong: '0' } } })}\n`;
    // pid 1 is always alive; a pid above the kernel's maximum never is.
    await writeFile(join(dir, `000000001-1-aaaaaa.ndjson`), line);
    await writeFile(join(dir, `000000002-4194305-bbbbbb.ndjson`), line);
    await writeFile(join(dir, `000000003-4194306-cccccc.ndjson.replay-4194307`), line);
    const journal = createJournal({ dir });
    const result = await journal.replay(async () => {});
    expect(result.files).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['000000001-1-aaaaaa.ndjson']);
  });

  it('never takes the open file of another journal in the same process, but takes it once closed', async () => {
    const dir = await journalDir();
    const writing = createJournal({ dir });
    const replaying = createJournal({ dir });
    await writing.append([doc('A')]);
    expect(await replaying.pendingFiles()).toBe(0);
    expect((await replaying.replay(async () => {})).events).toBe(0);
    await writing.close();
    await writing.append([doc('LATE')]); // recorded after close: a finished file of its own
    const stored: string[] = [];
    await replaying.replay(async (docs) => void stored.push(...docs.map((d) => d._id)));
    expect(stored.sort()).toEqual(['A', 'LATE']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps only what a failed replay had not stored, so nothing is stored or counted twice', async () => {
    const dir = await journalDir();
    const journal = createJournal({ dir });
    const ids = Array.from({ length: 1200 }, (_, i) => `E${String(i).padStart(4, '0')}`);
    await journal.append(ids.map(doc));
    const stored: string[] = [];
    let calls = 0;
    await expect(
      journal.replay(async (docs) => {
        calls += 1;
        if (calls === 2) throw new Error('server down');
        stored.push(...docs.map((d) => d._id));
      }),
    ).rejects.toThrow('server down');
    expect(stored).toHaveLength(500);
    expect(await journal.pendingFiles()).toBe(1);
    const result = await journal.replay(
      async (docs) => void stored.push(...docs.map((d) => d._id)),
    );
    expect(result).toEqual({ events: 700, files: 1 });
    expect(stored).toEqual(ids);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes appends while a replay waits on the server, so spilling never waits for MongoDB', async () => {
    const dir = await journalDir();
    const journal = createJournal({ dir });
    await journal.append([doc('A')]);
    let release = () => {};
    const serverBack = new Promise<void>((resolve) => {
      release = resolve;
    });
    const replaying = journal.replay(() => serverBack);
    let appended = false;
    void journal.append([doc('B')]).then(() => {
      appended = true;
    });
    await expect.poll(() => appended, { timeout: 10_000 }).toBe(true);
    release();
    expect(await replaying).toEqual({ events: 1, files: 1 });
    const rest: string[] = [];
    await journal.replay(async (docs) => void rest.push(...docs.map((d) => d._id)));
    expect(rest).toEqual(['B']);
  });

  it('writes events MongoDB refused to a dead-letter file with the reason', async () => {
    const dir = await journalDir();
    const journal = createJournal({ dir });
    await journal.reject([doc('A')], '2: bad value');
    const text = await readFile(join(dir, 'rejected.ndjson.dead'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ reason: '2: bad value', doc: { _id: 'A' } });
    expect(await journal.pendingFiles()).toBe(0);
  });
});
