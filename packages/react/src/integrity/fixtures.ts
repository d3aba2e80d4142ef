import type {
  ActivityEvent,
  CheckpointSummary,
  IntegrityStatus,
  VerifyReport,
} from '@activitykit/schema';
import type { VerifyInput } from '../data/source.ts';
import { generateActivityEvents } from '../log/fixtures.ts';
import { createMemorySource, type MemorySource } from '../memory.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import type { StoryActivity } from '../test/storyActivity.ts';

// Tamper-evidence fixtures of the stories and tests: 120 events of tenant acme (newest first), the
// oldest 111 sealed by three checkpoints, the newest 9 waiting for the next seal, and verify
// reports whose ids are these events' ids.

/** The events, newest first. */
export const SEALED_LOG: readonly ActivityEvent[] = generateActivityEvents({
  count: 120,
  now: FIXTURE_NOW,
  names: 'en',
  seed: 11,
});
const at = (index: number) => SEALED_LOG[index] as ActivityEvent;

/** How many of the newest events no checkpoint seals yet. */
export const UNSEALED = 9;

const RANGES: [oldest: number, newest: number][] = [
  [119, 80],
  [79, 40],
  [39, UNSEALED],
];

/** The three checkpoints, oldest first: events 119–80, 79–40 and 39–9 (by index, newest first). */
export const CHECKPOINTS: readonly CheckpointSummary[] = RANGES.map(([oldest, newest], index) => ({
  tenantId: 'acme',
  seq: index + 1,
  fromId: index === 0 ? '' : at(oldest + 1).id,
  toId: at(newest).id,
  count: oldest - newest + 1,
  createdAt: new Date(at(newest).occurredAt.getTime() + 5 * 60_000),
}));

/** What the server says: it seals and verifies; acme's last checkpoint is #3. */
export const SEALED_STATUS: IntegrityStatus = {
  sealing: true,
  canVerify: true,
  tenants: [{ tenantId: 'acme', lastCheckpoint: CHECKPOINTS[2], unsealed: UNSEALED }],
};

/** A report with nothing wrong (`overrides` make the other states). */
export function cleanReport(overrides: Partial<VerifyReport> = {}): VerifyReport {
  return {
    tenantId: 'acme',
    ok: true,
    wrongKey: false,
    checkedCheckpoints: 3,
    checkedEvents: SEALED_LOG.length - UNSEALED,
    invalidCheckpoints: [],
    missingCheckpoints: [],
    anchor: { status: 'ok', unanchored: [], mismatched: [] },
    modified: [],
    deleted: [],
    inserted: [],
    late: [],
    explained: { expired: 0, bulkDeleted: 0 },
    unsealed: { fromId: at(UNSEALED - 1).id, count: UNSEALED },
    ...overrides,
  };
}

/** The event the tampered story's database lost (it is not in the story's source). */
export const DELETED_EVENT = at(50);

/** Two events modified, one deleted, one inserted, one stored late, and the anchor disagrees. */
export const TAMPERED_REPORT = cleanReport({
  ok: false,
  checkedEvents: SEALED_LOG.length - UNSEALED - 1,
  invalidCheckpoints: [{ seq: 2, reason: 'hash' }],
  anchor: {
    status: 'mismatch',
    message:
      'Checkpoint 2 in the anchor differs from the one in MongoDB (hash, count): it was rewritten after it was anchored.',
    unanchored: [],
    mismatched: [{ seq: 2, fields: ['hash', 'count'] }],
  },
  modified: [
    { id: at(22).id, seq: 3 },
    { id: at(65).id, seq: 2 },
  ],
  deleted: [{ id: DELETED_EVENT.id, seq: 2, occurredAt: DELETED_EVENT.occurredAt }],
  inserted: [{ id: at(31).id, seq: 3 }],
  late: [{ id: at(14).id, seq: 3 }],
});

/** Verified with a key that is not the sealing key: every signature fails. */
export const WRONG_KEY_REPORT = cleanReport({
  ok: false,
  wrongKey: true,
  checkedEvents: 0,
  invalidCheckpoints: CHECKPOINTS.map(({ seq }) => ({ seq, reason: 'signature' as const })),
});

/** The anchor file is gone. */
export const ANCHOR_MISSING_REPORT = cleanReport({
  ok: false,
  anchor: {
    status: 'missing',
    message:
      'The anchor file /var/lib/activitykit/anchor.jsonl does not exist: restore it from a backup.',
    unanchored: [1, 2, 3],
    mismatched: [],
  },
});

/** Options of {@link integrityMemory}. */
export interface IntegrityFixtureOptions {
  events?: readonly ActivityEvent[];
  status?: IntegrityStatus;
  /** The verify of the source; `null` leaves it out. Defaults to a clean report. */
  verify?: ((input: VerifyInput) => VerifyReport | Promise<VerifyReport>) | null;
  checkpoints?: readonly CheckpointSummary[];
}

/** A memory source over {@link SEALED_LOG} (by default) with the `integrity` option. */
export function integrityMemory(options: IntegrityFixtureOptions = {}): MemorySource {
  const { status = SEALED_STATUS, checkpoints = CHECKPOINTS } = options;
  const verify = options.verify === undefined ? () => cleanReport() : options.verify;
  return createMemorySource({
    now: () => FIXTURE_NOW,
    events: [...(options.events ?? SEALED_LOG)],
    integrity: { status, checkpoints: [...checkpoints], ...(verify ? { verify } : {}) },
  });
}

/** `parameters` of a story over {@link integrityMemory}. */
export const integrityStory = (options: IntegrityFixtureOptions = {}) => ({
  activity: { source: () => integrityMemory(options) } satisfies StoryActivity,
});

/** A verify that never answers: the running state. */
export const never = (): Promise<VerifyReport> => new Promise(() => {});
