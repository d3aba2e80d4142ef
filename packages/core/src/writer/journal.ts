import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BSON } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';

/** Options of {@link createJournal}. */
export interface JournalOptions {
  /** Directory of the journal files; created when needed. */
  dir: string;
  /** A journal file is closed and a new one started past this size. */
  maxFileBytes?: number;
}

/** What {@link Journal.replay} did. */
export interface ReplayResult {
  events: number;
  files: number;
}

/**
 * A local append-only journal of events that could not be stored yet. One file per writer at a
 * time, one EJSON document per line, fsynced on every append. Replay claims a file by renaming it
 * (atomic, so two processes never replay the same file), stores its events, and deletes it; a file
 * whose claimer died is claimed again. A torn last line (a crash mid-append) is skipped.
 */
export interface Journal {
  readonly dir: string;
  append(docs: readonly EventDocument[]): Promise<void>;
  /** Appends to the dead-letter file: events the server refused for good. */
  reject(docs: readonly EventDocument[], reason: string): Promise<void>;
  /** Stores every journaled event through `store`, oldest file first. */
  replay(store: (docs: EventDocument[]) => Promise<void>): Promise<ReplayResult>;
  /** How many journal files wait for replay. */
  pendingFiles(): Promise<number>;
  close(): Promise<void>;
}

const SUFFIX = '.ndjson';
const CLAIM = '.replay-';
const REPLAY_CHUNK = 500;

/** Opens (lazily) a journal in `options.dir`. */
export function createJournal(options: JournalOptions): Journal {
  const maxFileBytes = options.maxFileBytes ?? 16 * 1024 * 1024;
  let current: { handle: FileHandle; bytes: number } | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  /** Journal operations run one at a time, so a replay never claims a file mid-append. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => {});
    return next;
  };

  const rotate = async () => {
    await current?.handle.close();
    current = undefined;
  };

  const appendLines = async (lines: string) => {
    if (!current || current.bytes > maxFileBytes) {
      await rotate();
      await mkdir(options.dir, { recursive: true });
      const name = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${randomBytes(3).toString('hex')}${SUFFIX}`;
      current = { handle: await open(join(options.dir, name), 'a'), bytes: 0 };
    }
    await current.handle.appendFile(lines);
    await current.handle.datasync();
    current.bytes += Buffer.byteLength(lines);
  };

  return {
    dir: options.dir,
    append: (docs) => serial(() => appendLines(serialize(docs))),
    reject: (docs, reason) =>
      serial(async () => {
        await mkdir(options.dir, { recursive: true });
        const lines = docs.map((doc) => `${BSON.EJSON.stringify({ reason, doc })}\n`).join('');
        const handle = await open(join(options.dir, 'rejected.ndjson.dead'), 'a');
        try {
          await handle.appendFile(lines);
          await handle.datasync();
        } finally {
          await handle.close();
        }
      }),
    replay: (store) =>
      serial(async () => {
        await rotate();
        const result: ReplayResult = { events: 0, files: 0 };
        for (const file of await claimable(options.dir)) {
          const claimed = join(options.dir, `${baseName(file)}${CLAIM}${process.pid}`);
          try {
            await rename(join(options.dir, file), claimed);
          } catch {
            continue; // another process claimed it first
          }
          const docs = parse(await readFile(claimed, 'utf8'));
          try {
            for (let i = 0; i < docs.length; i += REPLAY_CHUNK) {
              await store(docs.slice(i, i + REPLAY_CHUNK));
            }
          } catch (error) {
            await rename(claimed, join(options.dir, baseName(file)));
            throw error;
          }
          await rm(claimed);
          result.events += docs.length;
          result.files += 1;
        }
        return result;
      }),
    pendingFiles: async () => (await claimable(options.dir)).length,
    close: () => serial(rotate),
  };
}

function serialize(docs: readonly EventDocument[]): string {
  return docs.map((doc) => `${BSON.EJSON.stringify(doc, { relaxed: false })}\n`).join('');
}

function parse(text: string): EventDocument[] {
  const docs: EventDocument[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      docs.push(BSON.EJSON.parse(line, { relaxed: false }) as EventDocument);
    } catch {
      // A torn line from a crash mid-append: the event was never acknowledged to anyone durable.
    }
  }
  return docs;
}

/**
 * Journal files this process may replay: its own (closed by `rotate` first), and those of processes
 * that are gone. A live process's file is never touched: it may still be appending to it.
 */
async function claimable(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => {
      const claim = name.lastIndexOf(CLAIM);
      if (claim >= 0) {
        const claimer = Number(name.slice(claim + CLAIM.length));
        return claimer !== process.pid && !isAlive(claimer);
      }
      if (!name.endsWith(SUFFIX)) return false;
      const writer = Number(name.split('-')[1]);
      return writer === process.pid || !isAlive(writer);
    })
    .sort();
}

function baseName(file: string): string {
  const claim = file.lastIndexOf(CLAIM);
  return claim < 0 ? file : file.slice(0, claim);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
