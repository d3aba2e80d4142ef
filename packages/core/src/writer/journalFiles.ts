import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BSON } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';

// How the journal names, claims and hands back its files.

export const SUFFIX = '.ndjson';
const CLAIM = '.replay-';
/** Stands for the pid in the name of a file whose journal was closed. */
export const CLOSED = 'c';
/** Makes every journal file name of this process unique, even within one millisecond. */
let sequence = 0;
/** The time part of a new file's name: sorts by time, then by creation in this process. */
export function stamp(): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `${Date.now().toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}`;
}

export function serialize(docs: readonly EventDocument[]): string {
  return docs.map((doc) => `${BSON.EJSON.stringify(doc, { relaxed: false })}\n`).join('');
}

export function parse(text: string): EventDocument[] {
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
export async function claimable(dir: string, instance: string): Promise<string[]> {
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

/** Where this process keeps a file it claimed for replay. */
export function claimPath(dir: string, file: string): string {
  return join(dir, `${baseName(file)}${CLAIM}${process.pid}`);
}

/**
 * Returns a claimed file to the journal under its own name (file names are never reused): whole,
 * or only the `left` events a failed replay had not stored (written aside, then renamed into view).
 */
export async function giveBack(dir: string, file: string, left: EventDocument[] | undefined) {
  const path = join(dir, baseName(file));
  if (left) {
    await writeFile(`${path}.tmp`, serialize(left), { flush: true });
    await rename(`${path}.tmp`, path);
    await rm(claimPath(dir, file));
  } else {
    await rename(claimPath(dir, file), path);
  }
}

export function baseName(file: string): string {
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
