import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanUp, type TestDb } from '@activitykit/test-utils';

/** A delivering child process and what it reported. */
export interface DeliveringChild {
  process: ChildProcess;
  pid: number;
  /** The ids it said it delivered, batch by batch. */
  batches: string[][];
  exited: Promise<void>;
}

/** Starts `deliverChild.ts` on the test store's collection (killed after the test). */
export function startDeliveringChild(
  testDb: TestDb,
  target: { collection: string; journalDir: string; leaseMs: number; secretKey: string },
): DeliveringChild {
  const script = fileURLToPath(new URL('./deliverChild.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--conditions=@activitykit/source',
      script,
      testDb.uri,
      testDb.db.databaseName,
      target.collection,
      target.journalDir,
      String(target.leaseMs),
      target.secretKey,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const batches: string[][] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [word, , ids] = line.split(' ');
      if (word === 'delivered' && ids) batches.push(ids.split(','));
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanUp(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { process: child, pid: child.pid as number, batches, exited };
}
