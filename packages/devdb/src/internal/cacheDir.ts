import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where built binaries are cached, outside any git checkout:
 * `$ACTIVITYKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/activitykit`, else `~/.cache/activitykit`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ACTIVITYKIT_CACHE_DIR) return env.ACTIVITYKIT_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'activitykit');
}
