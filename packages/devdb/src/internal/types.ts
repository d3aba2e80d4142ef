import type { DevDbError } from '../errors.ts';

export type DevDbEngine = 'external' | 'mongod' | 'ferretdb';
export type DevDbLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ServerStartOptions {
  dataDir: string;
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
  stop(): Promise<void>;
}
