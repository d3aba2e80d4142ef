import { readdir } from 'node:fs/promises';
import { DevDbError } from '../errors.ts';
import { findMongod } from './startMongod.ts';
import type { DevDbEngineChoice, FerretDbBackend } from './types.ts';

export type ResolvedEngine =
  | { kind: 'external'; uri: string }
  | { kind: 'mongod'; binary: string }
  | {
      kind: 'ferretdb';
      backend: FerretDbBackend;
      /** SQLite may stand in when PostgreSQL turns out to be unavailable (the default backend). */
      fallback: boolean;
    };

export interface ResolveEngineOptions {
  env: NodeJS.ProcessEnv;
  /** The data directory the user gave, if any: its SQLite data keeps it on SQLite. */
  dataDir: string | undefined;
  log: (message: string) => void;
}

/** Decides which server `startDevDb` starts; see {@link DevDbEngineChoice}. */
export async function resolveEngine(
  engine: DevDbEngineChoice,
  options: ResolveEngineOptions,
): Promise<ResolvedEngine> {
  const uri = options.env.MONGODB_URI?.trim();
  if (engine === 'external' || (engine === 'auto' && uri)) {
    if (!uri) {
      throw new DevDbError(
        'INVALID_OPTIONS',
        'engine "external" needs MONGODB_URI; set it to your server, e.g. mongodb://127.0.0.1:27017/.',
      );
    }
    return { kind: 'external', uri };
  }
  if (engine === 'mongod' || engine === 'auto') {
    const binary = await findMongod(options.env.PATH);
    if (binary) return { kind: 'mongod', binary };
    if (engine === 'mongod') {
      throw new DevDbError(
        'INVALID_OPTIONS',
        'engine "mongod" was asked for, but there is no mongod on PATH; install MongoDB or use engine "auto".',
      );
    }
  }
  if (engine === 'ferretdb-postgres')
    return { kind: 'ferretdb', backend: 'postgres', fallback: false };
  if (engine === 'ferretdb-sqlite') return { kind: 'ferretdb', backend: 'sqlite', fallback: false };
  return defaultBackend(options);
}

/**
 * PostgreSQL on Linux (where the embedded server dies with its parent however that dies), unless the
 * data directory already holds SQLite data of an earlier run and no PostgreSQL cluster: that data is
 * kept in use rather than silently left behind.
 */
async function defaultBackend(options: ResolveEngineOptions): Promise<ResolvedEngine> {
  if (process.platform !== 'linux') return { kind: 'ferretdb', backend: 'sqlite', fallback: false };
  if (options.dataDir) {
    const entries = await readdir(options.dataDir).catch(() => [] as string[]);
    if (!entries.includes('postgres') && entries.some((name) => name.endsWith('.sqlite'))) {
      options.log(
        `${options.dataDir} holds SQLite data of an earlier run, so FerretDB stays on its SQLite backend. ` +
          'For the faster PostgreSQL backend, delete that directory or pass engine "ferretdb-postgres".',
      );
      return { kind: 'ferretdb', backend: 'sqlite', fallback: false };
    }
  }
  return { kind: 'ferretdb', backend: 'postgres', fallback: true };
}
