import type { CheckpointSummary, IntegrityStatus, VerifyReport } from '@activitykit/schema';
import { isObject, type Json, toDate, unreadable } from './wire.ts';

// Tamper evidence from JSON answers of both server adapters (ISO strings → Dates).

/** A checkpoint summary from JSON. */
export function readCheckpoint(value: unknown): CheckpointSummary {
  if (!isObject(value) || typeof value.toId !== 'string' || typeof value.seq !== 'number') {
    throw unreadable('a checkpoint');
  }
  return {
    ...(value as unknown as CheckpointSummary),
    createdAt: toDate(value.createdAt, 'a date'),
  };
}

/** `{ checkpoint }` from `GET /:id/checkpoint` or the `checkpointOf` procedure. */
export function readCheckpointAnswer(value: unknown): CheckpointSummary | null {
  if (!isObject(value) || !('checkpoint' in value)) throw unreadable('a checkpoint answer');
  return value.checkpoint === null ? null : readCheckpoint(value.checkpoint);
}

/** The integrity status from `GET /integrity` or the `integrity` procedure. */
export function readIntegrityStatus(value: unknown): IntegrityStatus {
  if (!isObject(value) || !Array.isArray(value.tenants)) throw unreadable('an integrity status');
  return {
    sealing: value.sealing === true,
    canVerify: value.canVerify === true,
    tenants: value.tenants.map((tenant: unknown) => {
      if (!isObject(tenant) || typeof tenant.tenantId !== 'string') {
        throw unreadable('an integrity status');
      }
      const { tenantId, lastCheckpoint, unsealed } = tenant;
      return {
        tenantId,
        ...(lastCheckpoint ? { lastCheckpoint: readCheckpoint(lastCheckpoint) } : {}),
        unsealed: Number(unsealed ?? 0),
      };
    }),
  };
}

/** A verify report from `POST /verify` or the `verify` procedure. */
export function readVerifyReport(value: unknown): VerifyReport {
  if (
    !isObject(value) ||
    typeof value.ok !== 'boolean' ||
    !Array.isArray(value.deleted) ||
    !isObject(value.unsealed)
  ) {
    throw unreadable('a verify report');
  }
  const report = value as unknown as VerifyReport;
  const unsealed = value.unsealed;
  return {
    ...report,
    deleted: (value.deleted as Json[]).map((finding) => ({
      ...(finding as unknown as VerifyReport['deleted'][number]),
      occurredAt: toDate(finding.occurredAt, 'a date'),
    })),
    unsealed: {
      ...report.unsealed,
      ...(unsealed.from === undefined ? {} : { from: toDate(unsealed.from, 'a date') }),
      ...(unsealed.to === undefined ? {} : { to: toDate(unsealed.to, 'a date') }),
    },
  };
}
