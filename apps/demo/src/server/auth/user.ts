import type { Actor } from '@activitykit/schema';
import type { Collections, Role, UserDoc } from '../domain/model.ts';

/** The signed-in user as request handlers, tRPC procedures and the capture middleware see them. */
export interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  tenantId: string;
  location?: string;
  customerId?: string;
}

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user (after the one-time code, when the account has one). */
      user?: DemoUser;
    }
  }
}

/** What the browser and the capture middleware get of a user document (no password hash). */
export function toDemoUser(user: UserDoc): DemoUser {
  return {
    id: user._id,
    name: user.name,
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
    ...(user.location && { location: user.location }),
    ...(user.customerId && { customerId: user.customerId }),
  };
}

/**
 * The user as the app shows it: a customer account carries the name of its customer record, so
 * the header, the profile and the activity log name her the same, also after staff rename her.
 */
export async function loadDemoUser(db: Collections, user: UserDoc): Promise<DemoUser> {
  const demoUser = toDemoUser(user);
  if (!user.customerId) return demoUser;
  const customer = await db.customers.findOne(
    { _id: user.customerId },
    { projection: { name: 1 } },
  );
  return customer ? { ...demoUser, name: customer.name } : demoUser;
}

/** The user as the actor of activity events. */
export function actorOf(user: DemoUser): Actor {
  return { id: user.id, type: 'user', name: user.name, email: user.email, role: user.role };
}
