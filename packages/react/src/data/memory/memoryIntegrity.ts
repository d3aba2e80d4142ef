import type {
  ActivityEvent,
  CheckpointSummary,
  IntegrityStatus,
  VerifyReport,
} from '@activitykit/schema';
import { ActivitySourceError, type VerifyInput } from '../source.ts';

/**
 * Tamper evidence of a memory source, for stories and tests: what the integrity panel shows for a
 * given status, checkpoints and verify report.
 */
export interface MemoryIntegrityOptions {
  /**
   * What `integrity()` answers, its tenants narrowed to the reader's scope. Defaults to one made
   * from `checkpoints`: `sealing: true`, `canVerify` when there is a `verify`, and for each tenant
   * the newest checkpoint and the events above its `toId`.
   */
  status?: IntegrityStatus;
  /**
   * Answers `verify()` for a tenant of the reader's scope. Defaults to none: `verify()` rejects as
   * a server without a public key (`SERVER`, 501, `NOT_CONFIGURED`).
   */
  verify?: (input: VerifyInput) => VerifyReport | Promise<VerifyReport>;
  /**
   * The checkpoints `checkpointOf()` looks in, read at every call (a test may add to the array as
   * it "seals"). Defaults to `[]`.
   */
  checkpoints?: CheckpointSummary[];
}

/** What the integrity side reads of its memory source. */
export interface MemoryIntegrityDeps {
  /** The events the reader may see. */
  visible: () => readonly ActivityEvent[];
  /** The reader's tenants; `undefined` for every tenant. */
  tenants: ReadonlySet<string> | undefined;
  /** One event the reader may see (`NOT_FOUND` otherwise). */
  find: (id: string) => ActivityEvent;
}

/** The status of a source given no `integrity` option: it does not seal. */
const NOT_SEALING: IntegrityStatus = { sealing: false, canVerify: false, tenants: [] };

/**
 * `integrity()`, `checkpointOf()` and `verify()` of the memory source, answering as the REST and
 * tRPC sources do: the reader's tenants only, `FORBIDDEN` (403) for another tenant's verify, and
 * 501 `NOT_CONFIGURED` without a verifier.
 *
 * @example
 * ```ts
 * const side = memoryIntegrity({ checkpoints }, { visible, tenants, find });
 * side.checkpointOf(event.id); // the checkpoint whose (fromId, toId] holds it, or null
 * ```
 */
export function memoryIntegrity(
  options: MemoryIntegrityOptions | undefined,
  deps: MemoryIntegrityDeps,
) {
  const checkpoints = () => options?.checkpoints ?? [];
  const inScope = (tenantId: string) => !deps.tenants || deps.tenants.has(tenantId);

  function derivedStatus(): IntegrityStatus {
    const events = deps.visible();
    const tenantIds = deps.tenants
      ? [...deps.tenants]
      : [...new Set([...events, ...checkpoints()].map((item) => item.tenantId))];
    return {
      sealing: true,
      canVerify: options?.verify !== undefined,
      tenants: tenantIds.sort().map((tenantId) => {
        const lastCheckpoint = checkpoints()
          .filter((checkpoint) => checkpoint.tenantId === tenantId)
          .reduce<CheckpointSummary | undefined>(
            (newest, checkpoint) => (!newest || checkpoint.seq > newest.seq ? checkpoint : newest),
            undefined,
          );
        const unsealed = events.filter(
          (event) =>
            event.tenantId === tenantId && (!lastCheckpoint || event.id > lastCheckpoint.toId),
        ).length;
        return { tenantId, ...(lastCheckpoint ? { lastCheckpoint } : {}), unsealed };
      }),
    };
  }

  return {
    integrity(): IntegrityStatus {
      if (!options) return NOT_SEALING;
      if (!options.status) return derivedStatus();
      return {
        ...options.status,
        tenants: options.status.tenants.filter((tenant) => inScope(tenant.tenantId)),
      };
    },
    checkpointOf(id: string): CheckpointSummary | null {
      const event = deps.find(id);
      return (
        checkpoints().find(
          (checkpoint) =>
            checkpoint.tenantId === event.tenantId &&
            checkpoint.fromId < id &&
            id <= checkpoint.toId,
        ) ?? null
      );
    },
    async verify(input: VerifyInput): Promise<VerifyReport> {
      if (typeof input?.tenantId !== 'string' || input.tenantId === '') {
        throw new ActivitySourceError('INVALID_INPUT', 'verify needs a tenant: { tenantId }.', {
          status: 400,
          serverCode: 'INVALID_INPUT',
        });
      }
      // As the servers: another tenant is refused before a missing verifier is told.
      if (!inScope(input.tenantId)) {
        throw new ActivitySourceError(
          'FORBIDDEN',
          `Your scope does not include tenant "${input.tenantId}".`,
          { status: 403, serverCode: 'FORBIDDEN' },
        );
      }
      if (!options?.verify) {
        throw new ActivitySourceError(
          'SERVER',
          'Verification is not set up: give the memory source integrity: { verify }.',
          { status: 501, serverCode: 'NOT_CONFIGURED' },
        );
      }
      return options.verify(input);
    },
  };
}
