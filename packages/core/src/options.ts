import type { KeyObject } from 'node:crypto';
import type {
  ActionRegistry,
  CategoryDefinition,
  Locale,
  RedactorOptions,
} from '@activitykit/schema';
import type { MongoClient } from 'mongodb';
import type { CheckpointAnchor } from './integrity/anchor.ts';
import type { Restorers } from './restore.ts';
import type { RetentionOptions } from './retention.ts';
import type { StreamsOptions } from './streams/streamSettings.ts';
import type { ViewerTokenOptions } from './viewer/viewerTokens.ts';
import type { WriterSettings } from './writer/writer.ts';

/** Where the store keeps events: your client, or a URI it connects to (and closes). */
export type ActivityStoreConnection =
  | { client: MongoClient; uri?: never }
  | { uri: string; client?: never };

/** Options of {@link createActivityStore}. */
export type ActivityStoreOptions = ActivityStoreConnection & {
  /** Database name. Defaults to the URI's database, else `activitykit`. */
  dbName?: string;
  /** Collection of events. Defaults to `activity_events`. */
  collection?: string;
  /** Tenant of events recorded with none (single-tenant apps). Defaults to none: it is required. */
  defaultTenantId?: string;
  /** Directory of the local journal used while MongoDB is unreachable. Defaults to `.activitykit/journal`. */
  journalDir?: string;
  /** Batching, retry and memory limits of the writer. Defaults to {@link DEFAULT_WRITER_SETTINGS}. */
  writer?: Partial<WriterSettings>;
  /** Extra secret field names to hide (and names to keep). Defaults to the built-in deny list. */
  redaction?: RedactorOptions;
  /** Categories beyond the defaults of seed 000. Defaults to `[]`. */
  categories?: CategoryDefinition[];
  /** The app's actions (kind, category, metadata schema). Defaults to an empty registry. */
  actions?: ActionRegistry;
  /** Capture on or off per subject type, e.g. `{ payment: false }`. Defaults to on for every type. */
  capture?: Record<string, boolean>;
  /** How long events are kept. Defaults to 365 days, swept when you call `sweepExpired()`. */
  retention?: RetentionOptions;
  /** How deleted records are restored, per subject type. Defaults to `{}` (none). */
  restorers?: Restorers;
  /** Tamper evidence: signed checkpoints. Defaults to none (no sealing in this process). */
  integrity?: IntegrityOptions;
  /** Privileged bulk delete (seed 004). Defaults to `{ enabled: false }`. */
  bulkDelete?: { enabled: boolean; maxEvents?: number };
  /** Language of generated descriptions. Defaults to `'en'`. */
  locale?: Locale;
  /** First day of the week for presets: 0 Sunday … 6 Saturday. Defaults to `1` (Monday). */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Largest JSON size of `metadata`; larger values are truncated with a marker. Defaults to `16384`. */
  metadataMaxBytes?: number;
  /** Store failures (never thrown into `record()` callers). Defaults to writing them to stderr. */
  onError?: (error: unknown) => void;
  /**
   * The secret cursors are signed with (at least 32 characters); give every API process of a
   * deployment the same one. A cursor signed with another key is refused (`INVALID_CURSOR`).
   * Defaults to a random key generated once and kept in the `<collection>_meta` collection, which
   * every store on the same collection shares.
   */
  cursorSecret?: string | Uint8Array;
  /**
   * Signing of viewer tokens (`store.createViewerToken`): short-lived, read-only grants to part of
   * one tenant's log, for pages the app's session does not reach. Defaults to none: minting and
   * verifying fail with `INVALID_KEY`.
   */
  viewerTokens?: ViewerTokenOptions;
  /**
   * Log streams to SIEMs (webhooks, syslog): the key their secrets are encrypted with, and the
   * delivery settings of this process. Defaults to none: `store.streams` manages syslog streams
   * only, and this process delivers nothing.
   */
  streams?: StreamsOptions;
  /** The current time, for tests. Defaults to `() => new Date()`. */
  clock?: () => Date;
};

/** The writer's defaults. */
export const DEFAULT_WRITER_SETTINGS: WriterSettings = {
  batchSize: 500,
  flushIntervalMs: 100,
  maxQueue: 20_000,
  maxRetries: 3,
  retryBaseMs: 100,
  retryMaxMs: 2000,
  probeIntervalMs: 1000,
  insertTimeoutMs: 5000,
};

/** Sealing of checkpoints, in the process that holds the private key. */
export interface IntegrityOptions {
  /** Ed25519 private key (PEM, from `activitykit keygen`). Without it this process does not seal. */
  privateKey?: string | KeyObject;
  /** Where each checkpoint is also written, outside MongoDB. Defaults to none. */
  anchor?: CheckpointAnchor;
  /** Seal in the background this often; `false` to call `store.seal()` yourself. Defaults to `60_000`. */
  sealIntervalMs?: number | false;
  /** Leave events younger than this for the next run (writers on other hosts). Defaults to `120_000`. */
  sealDelayMs?: number;
  /** Events per checkpoint at most. Defaults to `2000`. */
  maxEntries?: number;
}
