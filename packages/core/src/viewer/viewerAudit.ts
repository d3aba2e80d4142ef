import type { ActivityEvent } from '@activitykit/schema';
import type { ActivityAccess } from '../access.ts';
import type { ActivityStore } from '../activityStore.ts';
import { type RequestContext, requestContext } from '../internal/auditText.ts';
import type { ViewerGrant } from './viewerClaims.ts';

/** The action of the event that records a look at the log through a viewer token. */
export const VIEWED = 'activity.viewed';

/** What {@link recordViewerView} records. */
export interface ViewerViewOptions {
  /** What was opened: the log's first page, a record's timeline, or one event. */
  page: 'list' | 'timeline' | 'event';
  /** The timeline's record, or the event's id. Defaults to none. */
  target?: string | undefined;
  /** Where the request came from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext | undefined;
}

/**
 * Records that a viewer token's bearer opened a page of the log — one `activity.viewed` event
 * (kind `access`) in the token's tenant, with the page, the records the token shows (`records`)
 * and the token's id (`viewer`) in its metadata — so who looked at the audit log is itself
 * audited. The event refers to no record: it is the tenant's to read, not the viewer's (their own
 * looks would otherwise fill the history they look at). Does nothing for an access that is not a
 * token's. Like `record()`, it never throws store failures at the caller.
 *
 * @example
 * ```ts
 * recordViewerView(store, access, { page: 'timeline', target: 'customer:42', context });
 * ```
 */
export function recordViewerView(
  store: Pick<ActivityStore, 'record'>,
  access: ActivityAccess,
  view: ViewerViewOptions,
): ActivityEvent | undefined {
  const { viewer, scope } = access as ActivityAccess & { viewer?: ViewerGrant };
  if (!viewer || scope.tenants === '*') return undefined;
  const context = requestContext(view.context);
  let last: ActivityEvent | undefined;
  for (const tenantId of scope.tenants) {
    last = store.record({
      tenantId,
      action: VIEWED,
      kind: 'access',
      category: 'report',
      actor: access.actor,
      subject: { type: 'activity_log', id: tenantId },
      ...(context ? { context } : {}),
      metadata: {
        page: view.page,
        ...(view.target ? { target: view.target.slice(0, 301) } : {}),
        ...(scope.refs ? { records: scope.refs.slice(0, 50) } : {}),
        viewer: viewer.tokenId,
      },
    });
  }
  return last;
}
