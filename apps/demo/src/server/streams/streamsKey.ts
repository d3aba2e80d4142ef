import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The key the demo's log-stream secrets are encrypted with, kept in `file` (made on the first run,
 * readable by its owner only), so streams made in one run still deliver in the next. A real app
 * keeps it in its secret store, never in MongoDB.
 */
export async function loadStreamsKey(file: string): Promise<string> {
  const kept = await readFile(file, 'utf8').catch(() => undefined);
  if (kept && /^[0-9a-f]{64}$/.test(kept.trim())) return kept.trim();
  const key = randomBytes(32).toString('hex');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
