import type { DevDbError } from '../errors.ts';

/**
 * The server a {@link DevDb} runs on: `external` (`MONGODB_URI`, used as is), `mongod` (found on
 * PATH), or the embedded FerretDB 1.24 on its PostgreSQL or its SQLite backend.
 */
export type DevDbEngine = 'external' | 'mongod' | 'ferretdb-postgres' | 'ferretdb-sqlite';

/**
 * The `engine` option: a {@link DevDbEngine}, `ferretdb` (the embedded FerretDB on its default
 * backend) or `auto` (`MONGODB_URI`, else `mongod` on PATH, else `ferretdb`).
 */
export type DevDbEngineChoice = 'auto' | 'ferretdb' | DevDbEngine;

export type DevDbLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** FerretDB's storage: PostgreSQL (started and stopped with it) or SQLite files. */
export type FerretDbBackend = 'postgres' | 'sqlite';

export interface ServerStartOptions {
  dataDir: string;
  /** The data directory is deleted on stop: PostgreSQL may skip fsync. */
  temporary: boolean;
  port: number;
  logLevel: DevDbLogLevel;
  startTimeoutMs: number;
  cacheDir: string;
  goBinary: string | undefined;
  log: (message: string) => void;
  onCrash: (error: DevDbError) => void;
}

export interface RunningServer {
  uri: string;
  engine: DevDbEngine;
  pid: number | undefined;
  postgresUrl?: string;
  stop(): Promise<void>;
}
