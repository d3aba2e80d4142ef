import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Runs `script` in a child Node process on the workspace's TypeScript sources (the
 * `@activitykit/source` condition) — another process writing to the same database, say — and
 * resolves with what it printed; rejects (with its stderr) if it exits with a failure, or after
 * `timeoutMs` (none by default).
 *
 * @example
 * ```ts
 * const ids = JSON.parse(await runOnSources(new URL('./writeLive.ts', import.meta.url), [uri]));
 * ```
 */
export async function runOnSources(
  script: URL | string,
  args: string[] = [],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  const path = script instanceof URL ? fileURLToPath(script) : script;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@activitykit/source', path, ...args],
    { env: options.env ?? process.env, timeout: options.timeoutMs ?? 0, maxBuffer: 64 << 20 },
  );
  return stdout;
}
