import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const EXAMPLES = new URL('../../test-d-packed/', import.meta.url);

/** The README's fenced TypeScript block whose first line is `// <file>`. */
export async function readmeBlock(file: string): Promise<string | undefined> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.find((block) => block.startsWith(`// ${file} `));
}

/** The example file the README shows (`test-d-packed/<file>`), as text. */
export function exampleSource(file: string): Promise<string> {
  return readFile(new URL(file, EXAMPLES), 'utf8');
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Node with the workspace's source condition, so the examples run on the packages' sources. */
const NODE_ARGS = ['--conditions=@activitykit/source'];

/**
 * Starts the README's server (`test-d-packed/server.ts`) as its own Node process on `port`, with
 * `env`, in `cwd` (where its journal goes); resolves once it answers, with `stop()`.
 */
export async function startExampleServer(options: {
  port: number;
  env: Record<string, string>;
  cwd: string;
}) {
  const { port, env, cwd } = options;
  const child: ChildProcess = spawn(
    process.execPath,
    [...NODE_ARGS, fileURLToPath(new URL('server.ts', EXAMPLES))],
    { env: { ...process.env, ...env, PORT: String(port) }, cwd, stdio: 'pipe' },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The README server exited: ${output}`);
    const answered = await fetch(`http://127.0.0.1:${port}/trpc/activity.scope`).then(
      () => true,
      () => false,
    );
    if (answered) return { stop, output: () => output };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The README server did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs an example client (`test-d-packed/<file>`) to its end; its stdout. */
export async function runExampleClient(file: string, env: Record<string, string>) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...NODE_ARGS, fileURLToPath(new URL(file, EXAMPLES))],
    { env: { ...process.env, ...env }, timeout: 60_000 },
  );
  return stdout;
}
