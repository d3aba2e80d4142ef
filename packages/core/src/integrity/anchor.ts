import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointDocument } from './checkpoint.ts';

/** What goes to the anchor for each checkpoint: enough to notice one that later disappears. */
export interface AnchorEntry {
  tenantId: string;
  seq: number;
  toId: string;
  count: number;
  hash: string;
  createdAt: string;
}

/**
 * A place outside MongoDB where every checkpoint is also written, so that deleting the newest events
 * together with their checkpoints is still caught. `read` is needed to verify against it.
 */
export interface CheckpointAnchor {
  write(entry: AnchorEntry): Promise<void>;
  read?(tenantId: string): Promise<AnchorEntry[]>;
}

/** The anchor entry of a checkpoint. */
export function anchorEntry(checkpoint: Omit<CheckpointDocument, 'entries'>): AnchorEntry {
  return {
    tenantId: checkpoint.tenantId,
    seq: checkpoint.seq,
    toId: checkpoint.toId,
    count: checkpoint.count,
    hash: checkpoint.hash,
    createdAt: checkpoint.createdAt.toISOString(),
  };
}

/**
 * An append-only file of checkpoints (one JSON line each). Put it on storage the database
 * administrators cannot rewrite (another host, a WORM bucket mount, a log shipper's input).
 *
 * @example
 * ```ts
 * const store = createActivityStore({ uri, integrity: { privateKey, anchor: fileAnchor('/var/lib/app/checkpoints.ndjson') } });
 * ```
 */
export function fileAnchor(path: string): CheckpointAnchor {
  return {
    async write(entry) {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${JSON.stringify(entry)}\n`);
    },
    async read(tenantId) {
      // A missing file is not "no checkpoints": verify reports it (ENOENT reads as `missing`).
      const text = await readFile(path, 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim())
        .map((line, index) => {
          const entry = JSON.parse(line) as Partial<AnchorEntry>;
          if (!isAnchorEntry(entry)) {
            throw new Error(`Line ${index + 1} of ${path} is not a checkpoint anchor entry.`);
          }
          return entry;
        })
        .filter((entry) => entry.tenantId === tenantId);
    },
  };
}

function isAnchorEntry(entry: Partial<AnchorEntry> | null): entry is AnchorEntry {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.tenantId === 'string' &&
    Number.isInteger(entry.seq) &&
    typeof entry.toId === 'string' &&
    Number.isInteger(entry.count) &&
    typeof entry.hash === 'string' &&
    typeof entry.createdAt === 'string'
  );
}

/** Options of {@link httpAnchor}. */
export interface HttpAnchorOptions {
  /** Receives a POST with the entry as JSON for every checkpoint. */
  url: string;
  headers?: Record<string, string>;
  /** Reads the anchored entries back for `verify`, if your service can. Defaults to none. */
  read?: (tenantId: string) => Promise<AnchorEntry[]>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * An anchor that POSTs every checkpoint to an HTTP hook the app configures (a transparency log, a
 * ticketing system, a second service).
 */
export function httpAnchor(options: HttpAnchorOptions): CheckpointAnchor {
  const send = options.fetch ?? fetch;
  return {
    async write(entry) {
      const response = await send(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(entry),
      });
      if (!response.ok)
        throw new Error(
          `The checkpoint anchor answered ${response.status} ${response.statusText}.`,
        );
    },
    ...(options.read ? { read: options.read } : {}),
  };
}
