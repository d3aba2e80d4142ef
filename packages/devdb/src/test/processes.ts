import { readdir, readFile } from 'node:fs/promises';

/** The state letter and parent pid of a process (Linux /proc), or `undefined` when it is gone. */
async function stat(pid: number): Promise<{ state: string; ppid: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const [state = '', ppid = '0'] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

/** Whether `pid` runs (a zombie waiting to be reaped has stopped running). */
export async function isRunning(pid: number | undefined): Promise<boolean> {
  if (pid === undefined) return false;
  const info = await stat(pid);
  return info !== undefined && info.state !== 'Z';
}

/** `pid` and every process below it. */
export async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = await stat(Number(entry));
    if (info) parents.set(Number(entry), info.ppid);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** Those of `pids` that still run. */
export async function stillRunning(pids: readonly number[]): Promise<number[]> {
  const running: number[] = [];
  for (const pid of pids) if (await isRunning(pid)) running.push(pid);
  return running;
}

/** The command name of a process (`postgres`, `node` …), or `undefined` when it is gone. */
export async function commandName(pid: number): Promise<string | undefined> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined))?.trim();
}

/** The user id a process runs as. */
export async function uidOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^Uid:\s+(\d+)/m.exec(status);
  return match ? Number(match[1]) : undefined;
}
