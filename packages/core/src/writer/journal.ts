import { randomBytes } from 'node:crypto';
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
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
/** Stands for the pid in the name of a file whose journal was closed. */
const CLOSED = 'c';

/** Opens (lazily) a journal in `options.dir`. */
export function createJournal(options: JournalOptions): Journal {
  const maxFileBytes = options.maxFileBytes ?? 16 * 1024 * 1024;
  /** This journal's own files carry it, so two stores in one process never take each other's. */
  const instance = randomBytes(4).toString('hex');
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

  let closed = false;

  const appendLines = async (lines: string) => {
    if (closed) {
      // After close: one finished file per append (written aside, then renamed into view), so a
      // replaying process never reads half of it.
      await mkdir(options.dir, { recursive: true });
      const base = `${Date.now().toString(36).padStart(9, '0')}-${CLOSED}-${instance}-${randomBytes(3).toString('hex')}`;
      await writeFile(join(options.dir, `${base}.tmp`), lines, { flush: true });
      await rename(join(options.dir, `${base}.tmp`), join(options.dir, `${base}${SUFFIX}`));
      return;
    }
    if (!current || current.bytes > maxFileBytes) {
      await rotate();
      await mkdir(options.dir, { recursive: true });
      const name = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${instance}${SUFFIX}`;
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
        for (const file of await claimable(options.dir, instance)) {
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
    pendingFiles: async () => (await claimable(options.dir, instance)).length,
    close: () =>
      serial(async () => {
        await rotate();
        closed = true;
        // Hand our files over: marked closed, any process may replay them now.
        const names = await readdir(options.dir).catch(() => [] as string[]);
        for (const name of names) {
          const [time, pid, owner] = name.slice(0, -SUFFIX.length).split('-');
          if (name.endsWith(SUFFIX) && pid === String(process.pid) && owner === instance) {
            await rename(
              join(options.dir, name),
              join(options.dir, `${time}-${CLOSED}-${owner}${SUFFIX}`),
            );
          }
        }
      }),
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
 * Journal files this journal may replay: its own (closed by `rotate` first), those of journals that
 * were closed, and those of processes that are gone. A live writer's file is never touched: it may
 * still be appending to it.
 */
async function claimable(dir: string, instance: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => {
      const claim = name.lastIndexOf(CLAIM);
      if (claim >= 0) {
        const claimer = Number(name.slice(claim + CLAIM.length));
        return claimer !== process.pid && !isAlive(claimer);
      }
      if (!name.endsWith(SUFFIX)) return false;
      const [, pid, owner] = name.slice(0, -SUFFIX.length).split('-');
      if (pid === CLOSED || owner === instance) return true;
      return Number(pid) !== process.pid && !isAlive(Number(pid));
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
