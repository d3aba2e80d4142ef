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
import {
  baseName,
  CLOSED,
  claimable,
  claimPath,
  giveBack,
  parse,
  SUFFIX,
  serialize,
  stamp,
} from './journalFiles.ts';

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
 * whose claimer died is claimed again. A torn last line (a crash mid-append) is skipped. Appends
 * never wait for a replay's storing (MongoDB may be gone again): only for its claiming.
 */
export interface Journal {
  readonly dir: string;
  append(docs: readonly EventDocument[]): Promise<void>;
  /** Appends to the dead-letter file: events the server refused for good. */
  reject(docs: readonly EventDocument[], reason: string): Promise<void>;
  /**
   * Stores every journaled event through `store`, oldest file first. When `store` fails, what it
   * had not stored yet stays in the journal, and only that is replayed later.
   */
  replay(store: (docs: EventDocument[]) => Promise<void>): Promise<ReplayResult>;
  /** How many journal files wait for replay. */
  pendingFiles(): Promise<number>;
  close(): Promise<void>;
}

const REPLAY_CHUNK = 500;

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
      const base = `${stamp()}-${CLOSED}-${instance}-${randomBytes(3).toString('hex')}`;
      await writeFile(join(options.dir, `${base}.tmp`), lines, { flush: true });
      await rename(join(options.dir, `${base}.tmp`), join(options.dir, `${base}${SUFFIX}`));
      return;
    }
    if (!current || current.bytes > maxFileBytes) {
      await rotate();
      await mkdir(options.dir, { recursive: true });
      const name = `${stamp()}-${process.pid}-${instance}${SUFFIX}`;
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
    replay: async (store) => {
      // Claimed in turn with appends (never mid-append), stored outside it: an append (a spill
      // while MongoDB is down) must not wait for a replay's retries.
      const claimed = await serial(async () => {
        await rotate();
        const taken: string[] = [];
        for (const file of await claimable(options.dir, instance)) {
          try {
            await rename(join(options.dir, file), claimPath(options.dir, file));
            taken.push(file);
          } catch {
            // another process claimed it first
          }
        }
        return taken;
      });
      const result: ReplayResult = { events: 0, files: 0 };
      for (const [index, file] of claimed.entries()) {
        const path = claimPath(options.dir, file);
        const docs = parse(await readFile(path, 'utf8'));
        let stored = 0;
        try {
          for (; stored < docs.length; stored += REPLAY_CHUNK) {
            await store(docs.slice(stored, stored + REPLAY_CHUNK));
          }
        } catch (error) {
          await giveBack(options.dir, file, stored > 0 ? docs.slice(stored) : undefined);
          for (const rest of claimed.slice(index + 1)) {
            await rename(claimPath(options.dir, rest), join(options.dir, baseName(rest)));
          }
          throw error;
        }
        await rm(path);
        result.events += docs.length;
        result.files += 1;
      }
      return result;
    },
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
