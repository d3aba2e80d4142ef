import type { KeyObject } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { ActivityStore } from '../activityStore.ts';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import type { ActivityStoreOptions } from '../options.ts';
import type { ServerProfile } from '../query/server.ts';
import type { CheckpointAnchor } from './anchor.ts';
import type { CheckpointDocument } from './checkpoint.ts';
import { checkpointOf, firstCheckpointTenants, integrityStatus } from './integrityStatus.ts';
import { loadPublicKey } from './keys.ts';
import { type SealResult, sealOnce } from './sealer.ts';
import { createSealerMemory } from './sealerReads.ts';
import { type AnchorRead, verifyTenant } from './verify.ts';

/** What the store's sealing and verifying need from the store. */
export interface StoreIntegrityDeps {
  events: Collection<EventDocument>;
  checkpoints: Collection<CheckpointDocument>;
  /** The sealing key; without it `seal()` rejects with `INVALID_KEY`. */
  privateKey: KeyObject | undefined;
  /** The store's options: `integrity` is read at each call. */
  options: Pick<ActivityStoreOptions, 'integrity'>;
  clock: () => Date;
  /** Stores what the writer holds, so a seal covers everything recorded before it. */
  flush: () => Promise<void>;
  /** Which query shapes the server answers in the database (for `integrityStatus`'s counts). */
  profile: () => Promise<ServerProfile>;
  /** The store's scoped read of one event (for `checkpointOf`). */
  get: ActivityStore['get'];
  /** Resolves once the client is connected (the store's connection). */
  connected: () => Promise<void>;
  /** Every tenant the store's counters know of (for a scope of every tenant). */
  knownTenants: () => Promise<string[]>;
}

/**
 * The integrity side of the store: `store.seal()`, `store.verify()`, `store.integrityStatus()` and
 * `store.checkpointOf()`.
 */
export interface StoreIntegrity {
  /** Seals what is due now; a call while a seal runs gets that seal. */
  seal(): Promise<SealResult>;
  verify: ActivityStore['verify'];
  integrityStatus: ActivityStore['integrityStatus'];
  checkpointOf: ActivityStore['checkpointOf'];
  /** The seal under way, if any, settled either way (for `close()`). */
  settled(): Promise<unknown> | undefined;
}

/** The store's sealing and verifying over its events and checkpoints collections. */
export function createStoreIntegrity(deps: StoreIntegrityDeps): StoreIntegrity {
  const { events, checkpoints, privateKey, options, clock } = deps;
  let sealing: Promise<SealResult> | undefined;
  // What this store knows between calls: each tenant's newest checkpoint (for its seals and its
  // status), and which tenants it has read whole once (on FerretDB it then reads only the hours of
  // the new ids).
  const sealerMemory = createSealerMemory();
  // Seals make checkpoints only for tenants the counters know (their month markers, never removed),
  // so the tenants with checkpoints that the counters may not know are those of earlier versions:
  // read once per store.
  let checkpointTenants: Promise<string[]> | undefined;
  const statusDeps = {
    events,
    checkpoints,
    profile: deps.profile,
    clock,
    sealing: privateKey !== undefined,
    get: deps.get,
    knownTenants: deps.knownTenants,
    heads: sealerMemory.heads,
    checkpointTenants() {
      checkpointTenants ??= firstCheckpointTenants(checkpoints).catch((error: unknown) => {
        checkpointTenants = undefined;
        throw error;
      });
      return checkpointTenants;
    },
  };

  return {
    seal() {
      if (!privateKey) {
        return Promise.reject(
          new ActivityError(
            'INVALID_KEY',
            'This store has no sealing key; pass integrity: { privateKey }.',
          ),
        );
      }
      const key = privateKey;
      sealing ??= (async () => {
        await deps.flush();
        await checkpoints.createIndex({ tenantId: 1, seq: 1 }, { name: 'tenant_seq' });
        return sealOnce({
          events,
          tenants: deps.knownTenants,
          checkpoints,
          privateKey: key,
          anchor: options.integrity?.anchor,
          delayMs: options.integrity?.sealDelayMs ?? 120_000,
          maxEntries: options.integrity?.maxEntries ?? 2000,
          clock,
          profile: deps.profile,
          memory: sealerMemory,
        });
      })().finally(() => {
        sealing = undefined;
      });
      return sealing;
    },
    async verify(range, verifyOptions) {
      if (!range || typeof range.tenantId !== 'string' || !range.tenantId) {
        throw new ActivityError(
          'INVALID_QUERY',
          'verify needs the tenant to check: { tenantId: "acme" }.',
        );
      }
      const anchor = verifyOptions.anchor ?? options.integrity?.anchor;
      return verifyTenant(range, {
        events,
        checkpoints,
        publicKey: loadPublicKey(verifyOptions.publicKey),
        anchored: await readAnchor(anchor, range.tenantId),
        now: clock(),
      });
    },
    async integrityStatus(scope) {
      await deps.connected();
      return integrityStatus(scope, statusDeps);
    },
    async checkpointOf(id, scope) {
      await deps.connected();
      return checkpointOf(id, scope, statusDeps);
    },
    settled: () => sealing?.catch(() => {}),
  };
}

/** The anchor's entries for a tenant, or why there are none to compare with. */
async function readAnchor(
  anchor: CheckpointAnchor | undefined,
  tenantId: string,
): Promise<AnchorRead> {
  if (!anchor) return { status: 'not_configured' };
  if (!anchor.read) {
    return {
      status: 'not_configured',
      message:
        'The anchor cannot be read back (it has no read()), so checkpoints are not compared with it.',
    };
  }
  try {
    return { entries: await anchor.read(tenantId) };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      status: missing ? 'missing' : 'unreadable',
      message: missing
        ? `The anchor is configured but not there: ${String((error as Error).message)}.`
        : `The anchor could not be read: ${String((error as Error).message ?? error)}.`,
    };
  }
}
