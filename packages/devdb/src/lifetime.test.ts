import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chown, copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './internal/cacheDir.ts';
import { ensureFerretDbBinary } from './internal/ferretdb.ts';
import { reachableByOthers } from './internal/postgresBinaries.ts';
import { tempDir, withClient } from './test/helpers.ts';
import { commandName, processTree, stillRunning, uidOf } from './test/processes.ts';

const HOLD = fileURLToPath(new URL('./test/holdDevDb.ts', import.meta.url));

/** A normal user can run this checkout's Node.js and sources only where they can reach them. */
const nobodyCanRunTheProject =
  (await reachableByOthers(dirname(HOLD))) && (await reachableByOthers(dirname(process.execPath)));

interface Held {
  child: ChildProcess;
  engine: string;
  pid: number;
  uri: string;
  dataDir: string;
}

/** Starts a Node.js process that starts a dev database and waits; resolves with what it printed. */
async function hold(
  engine: string,
  options: { cacheDir?: string; uid?: number } = {},
): Promise<Held> {
  const child = spawn(
    process.execPath,
    ['--conditions=@activitykit/source', HOLD, engine, options.cacheDir ?? ''],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    },
  );
  if (!child.stdout) throw new Error('no stdout pipe');
  const [line] = (await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the parent process exited with ${code} before the database was up`);
    }),
  ])) as [Buffer];
  return { child, ...JSON.parse(line.toString()) };
}

describe.runIf(process.platform === 'linux').each(['ferretdb-postgres', 'ferretdb-sqlite'])(
  'a dev database on %s',
  (engine) => {
    it('ends with the Node.js process that started it, even on SIGKILL', async () => {
      const held = await hold(engine);
      try {
        expect(held.engine).toBe(engine);
        const tree = await processTree(held.pid);
        const names = await Promise.all(tree.map(commandName));
        expect(names.filter((name) => name === 'postgres').length).toBe(
          engine === 'ferretdb-postgres' ? tree.length - 1 : 0,
        );
        held.child.kill('SIGKILL');
        await expect.poll(() => stillRunning(tree), { timeout: 30_000 }).toEqual([]);
      } finally {
        held.child.kill('SIGKILL');
        await rm(held.dataDir, { recursive: true, force: true });
      }
    });
  },
);

describe.runIf(process.platform === 'linux' && process.getuid?.() === 0)('as root', () => {
  it('runs PostgreSQL as an unprivileged user that owns its data', async () => {
    const held = await hold('ferretdb-postgres');
    try {
      const tree = await processTree(held.pid);
      const postmaster = tree[1] ?? 0;
      expect(await commandName(postmaster)).toBe('postgres');
      const uid = await uidOf(postmaster);
      expect(uid).not.toBe(0);
      expect((await stat(join(held.dataDir, 'postgres'))).uid).toBe(uid);
    } finally {
      held.child.kill('SIGKILL');
      await once(held.child, 'exit');
      await expect.poll(() => stillRunning([held.pid]), { timeout: 30_000 }).toEqual([]);
      await rm(held.dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(nobodyCanRunTheProject)(
    'works for a normal user too (nobody), with its own cache',
    async () => {
      const nobody = 65_534;
      const cacheDir = join(await tempDir('devdb-nobody-'), 'cache');
      // The built FerretDB, as a normal user would have it after their own first build.
      const built = await ensureFerretDbBinary({
        cacheDir: defaultCacheDir(),
        goBinary: undefined,
        log: () => {},
      });
      const copy = join(cacheDir, 'devdb', built.split('/').at(-1) ?? '');
      await mkdir(join(cacheDir, 'devdb'), { recursive: true });
      await copyFile(built, copy);
      for (const path of [cacheDir, join(cacheDir, 'devdb'), copy])
        await chown(path, nobody, nobody);

      const held = await hold('ferretdb-postgres', { cacheDir, uid: nobody });
      try {
        const tree = await processTree(held.pid);
        expect(await uidOf(tree[1] ?? 0)).toBe(nobody);
        await withClient(held.uri, (c) => c.db('n').collection('x').insertOne({ by: 'nobody' }));
        held.child.kill('SIGKILL');
        await expect.poll(() => stillRunning(tree), { timeout: 30_000 }).toEqual([]);
      } finally {
        held.child.kill('SIGKILL');
        await rm(held.dataDir, { recursive: true, force: true });
      }
    },
  );
});
