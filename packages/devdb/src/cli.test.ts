import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { processTree, stillRunning } from './test/processes.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const { MONGODB_URI: _ignored, ...rest } = process.env;
  return spawn(process.execPath, ['--conditions=@activitykit/source', CLI, ...args], {
    env: { ...rest, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function run(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c));
  child.stderr?.on('data', (c: Buffer) => (stderr += c));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Pids of running processes whose command line mentions `needle` (Linux /proc). */
async function processesMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

describe('activitykit-devdb', () => {
  it('runs a command with MONGODB_URI set and exits with its code', async () => {
    const script = [
      "const { MongoClient } = await import('mongodb');",
      'const c = await MongoClient.connect(process.env.MONGODB_URI);',
      'await c.db("cli").command({ ping: 1 });',
      'await c.close();',
      'process.exit(3);',
    ].join(' ');
    const result = await run([
      '--quiet',
      '--',
      process.execPath,
      '--input-type=module',
      '-e',
      script,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
  });

  it.runIf(process.platform === 'linux')(
    'prints the URI, serves until Ctrl-C and leaves nothing running',
    async () => {
      const marker = `cli-test-${process.pid}-${Date.now()}`;
      const dataDir = `${process.env.TMPDIR ?? '/tmp'}/${marker}`;
      const child = startCli(['--engine', 'ferretdb-postgres', '--data-dir', dataDir]);
      try {
        const uri = await new Promise<string>((resolve) => {
          child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        });
        expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
        const client = await MongoClient.connect(uri);
        await client.db('cli').collection('x').insertOne({ ok: true });
        await client.close();
        // The CLI, FerretDB, and PostgreSQL with its workers.
        const tree = await processTree(child.pid ?? 0);
        expect(tree.length).toBeGreaterThanOrEqual(4);
        expect(await processesMentioning(marker)).toHaveLength(3);

        child.kill('SIGINT');
        const [code] = (await once(child, 'exit')) as [number | null];
        expect(code).toBe(0);
        expect(await stillRunning(tree)).toEqual([]);
        expect(await processesMentioning(marker)).toEqual([]);
      } finally {
        child.kill('SIGKILL');
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );

  it('explains bad flags and exits with 2', async () => {
    const result = await run(['--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--colour'/);
    expect(result.stderr).toMatch(/--help/);
  });

  it('prints its help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: activitykit-devdb/);
  });
});
