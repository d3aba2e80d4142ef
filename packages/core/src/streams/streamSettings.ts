/** Delivery settings of log streams (see `ActivityStoreOptions.streams`). */
export interface StreamsOptions {
  /**
   * The 32-byte key webhook secrets are encrypted with in MongoDB (AES-256-GCM): raw bytes, or
   * 64 hex / 44 base64 characters (`openssl rand -hex 32`). Keep it out of MongoDB; give every
   * process the same one. Defaults to none: webhook streams cannot be created or delivered.
   */
  secretKey?: string | Uint8Array;
  /** Deliver streams from this process (several may: a lease picks one per stream). Defaults to `true`. */
  deliver?: boolean;
  /** How often to look for new events and due retries. Defaults to `1000` ms. */
  pollIntervalMs?: number;
  /** How long a process holds a stream after its last renewal; another takes over after. Defaults to `30_000` ms. */
  leaseMs?: number;
  /** Events per delivery (one webhook request, one syslog write). Defaults to `100`. */
  batchSize?: number;
  /** First retry delay; doubled per consecutive failure, with jitter. Defaults to `1000` ms. */
  retryBaseMs?: number;
  /** Longest retry delay. Defaults to `300_000` ms. */
  retryMaxMs?: number;
  /** Consecutive failures after which a stream goes to the dead letter until resumed. Defaults to `10`. */
  deadLetterAfter?: number;
  /**
   * Events younger than this wait for the next poll, so that events still in another process's
   * writer batch (older ids, stored later) are not passed. Defaults to `5000` ms.
   */
  settleMs?: number;
  /** Timeout of one delivery (request, connection, write). Defaults to `10_000` ms. */
  timeoutMs?: number;
  /** Called after each batch this process delivered (metrics, logs). Defaults to none. */
  onDelivered?: (delivery: StreamDelivered) => void;
}

/** A batch a process delivered (see {@link StreamsOptions.onDelivered}). */
export interface StreamDelivered {
  streamId: string;
  tenantId: string;
  /** The delivered event ids, oldest first. */
  ids: string[];
}

/** {@link StreamsOptions} with every default applied (the key aside). */
export type StreamSettings = Required<Omit<StreamsOptions, 'secretKey' | 'onDelivered'>> &
  Pick<StreamsOptions, 'onDelivered'>;

/** The defaults of {@link StreamsOptions}. */
export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  deliver: true,
  pollIntervalMs: 1000,
  leaseMs: 30_000,
  batchSize: 100,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  deadLetterAfter: 10,
  settleMs: 5000,
  timeoutMs: 10_000,
};

/** The delay before retry number `failures` (1, 2, …): exponential, capped, drawn between half of it and all of it (jitter). */
export function retryDelay(failures: number, settings: StreamSettings): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** (failures - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
