import type {
  ActivityEvent,
  ActivityEventInput,
  ActivityScopeInput,
  Actor,
} from '@activitykit/schema';
import type { ActivityStore } from '../activityStore.ts';
import { type RequestContext, requestContext } from '../internal/auditText.ts';
import type { ExportFormat } from './formats.ts';

/** The action of the event that records an export. */
export const EXPORTED = 'activity.exported';

/** The most ids of a selection one `activity.exported` event lists in its metadata. */
export const MAX_AUDITED_IDS = 100;

/** What {@link auditExport} records about an export. */
export interface ExportAuditOptions {
  /** The store the `activity.exported` events are recorded into. */
  store: Pick<ActivityStore, 'record'>;
  format: ExportFormat;
  /** Who exports. */
  actor: Actor;
  /** The exporter's scope: an export that found nothing is recorded in its tenants. */
  scope: ActivityScopeInput;
  /** The export's filters in the search syntax. Defaults to none (all events in scope). */
  filters?: string | undefined;
  /** The ids of a selection, as asked for. Defaults to none: the export is filtered. */
  ids?: readonly string[] | undefined;
  /** Where the export was asked from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext | undefined;
  /** The viewer token the export came through (its id goes into the metadata). Defaults to none. */
  viewer?: { tokenId: string } | undefined;
}

/** An export being counted: read its `events`, then call `finish` once. */
export interface AuditedExport {
  /** The export's events, counted per tenant as the file takes them. */
  events: AsyncIterable<ActivityEvent>;
  /**
   * Records the export — one `activity.exported` event (kind `access`) in each tenant whose events
   * it holds, with the format, the filters or the selection, the row count, the actor and the
   * request's IP and user agent — and resolves once they are stored. `completed: false` marks a
   * file that stopped early (a failure, or the client went away). The events carry facts only:
   * the store describes them like any event, and readers re-word them in their own language.
   */
  finish(outcome: { completed: boolean }): Promise<ActivityEvent[]>;
}

/**
 * Counts an export's events as the file is written, and records who exported what (SPEC §5: an
 * auditor's first question). An export that found nothing is recorded in the scope's tenants
 * (none for an all-tenants scope).
 *
 * @example
 * ```ts
 * const audit = auditExport(store.stream(query, scope), { store, format: 'csv', actor, scope,
 *   filters: 'kind:delete', context: { ip: req.ip, userAgent: req.get('user-agent') } });
 * await pipeline(exportCsv(audit.events), res).finally(() => audit.finish({ completed: !res.destroyed }));
 * ```
 */
export function auditExport(
  events: AsyncIterable<ActivityEvent>,
  options: ExportAuditOptions,
): AuditedExport {
  const tenants = new Map<string, string[]>();
  let finished = false;
  async function* counted(): AsyncGenerator<ActivityEvent> {
    for await (const event of events) {
      yield event;
      // Counted once the file asked for the next one: the event was written, not just read.
      const ids = tenants.get(event.tenantId) ?? [];
      ids.push(event.id);
      tenants.set(event.tenantId, ids);
    }
  }
  return {
    events: counted(),
    async finish({ completed }) {
      if (finished) return [];
      finished = true;
      const total = [...tenants.values()].reduce((sum, ids) => sum + ids.length, 0);
      const scopeTenants = options.scope.tenants;
      if (total === 0 && Array.isArray(scopeTenants)) {
        for (const tenantId of scopeTenants) tenants.set(tenantId, []);
      }
      const recorded: ActivityEvent[] = [];
      for (const [tenantId, ids] of tenants) {
        const event = await options.store.record(
          exportedEvent({ tenantId, ids, total, completed, options }),
          { durable: true },
        );
        if (event) recorded.push(event);
      }
      return recorded;
    },
  };
}

function exportedEvent(input: {
  tenantId: string;
  ids: string[];
  total: number;
  completed: boolean;
  options: ExportAuditOptions;
}): ActivityEventInput {
  const { tenantId, ids, total, completed, options } = input;
  const filters = options.filters?.trim().slice(0, 1000);
  const metadata: Record<string, unknown> = { format: options.format, rows: ids.length };
  if (total !== ids.length) metadata.totalRows = total;
  if (options.ids) {
    metadata.selection = { count: options.ids.length, ids: ids.slice(0, MAX_AUDITED_IDS) };
  } else if (filters) metadata.filters = filters;
  metadata.completed = completed;
  // Not `…TokenId`: field names with `token` are redacted as secrets.
  if (options.viewer) metadata.viewer = options.viewer.tokenId;
  const context = requestContext(options.context);
  return {
    tenantId,
    action: EXPORTED,
    kind: 'access',
    category: 'report',
    outcome: completed ? 'success' : 'failure',
    actor: options.actor,
    subject: { type: 'activity_log', id: tenantId },
    ...(context ? { context } : {}),
    metadata,
  };
}
