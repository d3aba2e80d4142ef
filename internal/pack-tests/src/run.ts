import { spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

/** What a finished child process printed, and how it ended. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this long. Defaults to 10 minutes. */
  timeoutMs?: number;
}

/** Runs a command to its end, collecting its output; never throws for a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs a command and throws, with its output, unless it exits 0. */
export async function runOrThrow(command: string, args: string[], options: RunOptions) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) exited with ${result.code ?? result.signal}:\n` +
        `${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

/** The oldest Node.js the packages support (`engines`: `>=20.19`). */
export const OLDEST_NODE_MAJOR = 20;

/**
 * The Node.js 20 binary to run the scratch app on: `ACTIVITYKIT_NODE20` when set, else the first
 * `node` on PATH (outside `node_modules`, where the workspace's Node 24 lives) whose major is 20.
 */
export async function findOldestNode(): Promise<string> {
  const candidates = process.env.ACTIVITYKIT_NODE20
    ? [process.env.ACTIVITYKIT_NODE20]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter((dir) => dir && !dir.includes('node_modules'))
        .map((dir) => join(dir, 'node'))
        .concat('/usr/bin/node', '/usr/local/bin/node');
  for (const candidate of candidates) {
    if (
      !(await access(candidate).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const version = await run(candidate, ['--version'], { cwd: process.cwd() }).catch(
      () => undefined,
    );
    if (version?.stdout.startsWith(`v${OLDEST_NODE_MAJOR}.`)) return candidate;
  }
  throw new Error(
    `No Node.js ${OLDEST_NODE_MAJOR} found on PATH: the packages promise Node >= 20.19, so these tests ` +
      `run on it. Install Node ${OLDEST_NODE_MAJOR}, or point ACTIVITYKIT_NODE20 at its binary.`,
  );
}

/** The environment for running `npm` / `node` of the given Node binary first on PATH. */
export function envWithNode(node: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const path = [dirname(node), ...(process.env.PATH ?? '').split(delimiter)]
    .filter((dir) => !dir.includes('node_modules'))
    .join(delimiter);
  // pnpm's and npm's own variables of the outer run must not leak into the scratch app's npm.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|NODE_OPTIONS$)/i.test(key)),
  );
  return { ...clean, PATH: path, ...extra };
}

/** The files below `dir`, relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}
