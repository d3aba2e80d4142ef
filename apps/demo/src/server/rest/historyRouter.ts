import { ActivityError, type ActivityStore } from '@activitykit/core';
import { type ActivityEvent, type ActivityPage, parseRefKey } from '@activitykit/schema';
import { type Request, type Response, Router } from 'express';
import { CUSTOMER_HISTORY_KINDS, hiddenRolesOf, tenantsOf } from '../access.ts';
import { HttpError, requireUser, STAFF } from './http.ts';

/** Events of the page a customer reads at most; the hidden-history count stops here too. */
const MAX_PAGE = 100;

/**
 * `/api/history`, the two questions the activity API does not answer by itself:
 * - `GET /mine?cursor=&limit=` — a customer's own profile history (every change, no staff notes),
 *   without the staff's IP addresses and browsers; the activity API stays closed to customers;
 * - `GET /hidden?ref=type:id` — how many events of a record the user's role hides from them
 *   (staff do not see the owner's or the administrator's), so the page can say so.
 */
export function historyRouter(store: ActivityStore): Router {
  const router = Router();

  router.get('/mine', async (req: Request, res: Response) => {
    const user = requireUser(req, ['customer']);
    if (!user.customerId) throw new HttpError(404, 'This account has no customer profile.');
    const limit = Math.min(Math.max(Number(req.query.limit) || 30, 1), MAX_PAGE);
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    const page = await read(() =>
      store.timeline(
        { type: 'customer', id: user.customerId as string },
        { kinds: CUSTOMER_HISTORY_KINDS, limit, ...(cursor && { cursor }) },
        { tenants: [user.tenantId] },
      ),
    );
    res.json({
      items: page.items.map(forCustomer),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    });
  });

  router.get('/hidden', async (req: Request, res: Response) => {
    const user = requireUser(req, STAFF);
    const ref = typeof req.query.ref === 'string' ? parseRefKey(req.query.ref) : undefined;
    if (!ref) throw new HttpError(400, 'ref: name the record as type:id, e.g. customer:C-1.');
    const roles = hiddenRolesOf(user);
    if (roles.length === 0) {
      res.json({ hidden: 0, more: false, roles });
      return;
    }
    const page = await read(() =>
      store.timeline(ref, { roles, limit: MAX_PAGE }, { tenants: tenantsOf(user) }),
    );
    res.json({ hidden: page.items.length, more: page.nextCursor !== undefined, roles });
  });

  return router;
}

/** A store read; a bad cursor or query is the caller's 400. */
async function read(run: () => Promise<ActivityPage<ActivityEvent>>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActivityError && error.code.startsWith('INVALID_')) {
      throw new HttpError(400, error.message);
    }
    throw error;
  }
}

/** An event as its customer may read it: what changed and who did it, not from where. */
function forCustomer(event: ActivityEvent): ActivityEvent {
  const { context: _context, snapshot: _snapshot, metadata: _metadata, ...rest } = event;
  const { email: _email, ...actor } = event.actor;
  return { ...rest, actor, context: {} };
}
