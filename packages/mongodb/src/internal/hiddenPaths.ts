import { type Change, REDACTED } from '@activitykit/schema';
import type { Document } from 'mongodb';

/** `cards.0.cvv` → `cards.cvv`: a change's path as a schema names it (array indexes dropped). */
const schemaPath = (path: string) =>
  path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');

const under = (path: string, hidden: string) => path === hidden || path.startsWith(`${hidden}.`);

/**
 * Hides fields that must not be read back (Mongoose `select: false`): their changes become
 * "changed, value hidden" and their values in a snapshot the redaction marker.
 */
export function createHider(hiddenPaths: readonly string[]) {
  return {
    changes(changes: Change[]): Change[] {
      if (hiddenPaths.length === 0) return changes;
      return changes.map((change) =>
        hiddenPaths.some((hidden) => under(schemaPath(change.path), hidden))
          ? { path: change.path, redacted: true }
          : change,
      );
    },
    snapshot(document: Document): Document {
      let out = document;
      for (const hidden of hiddenPaths) out = mask(out, hidden.split('.')) as Document;
      return out;
    },
  };
}

function mask(value: unknown, segments: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => mask(item, segments));
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = segments;
  if (head === undefined || !(head in value)) return value;
  const record = value as Document;
  return { ...record, [head]: rest.length === 0 ? REDACTED : mask(record[head], rest) };
}
