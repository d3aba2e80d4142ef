import type { ActivityEventInput } from '@activitykit/schema';
import type { Random } from './random.ts';
import type { SeedStaff, TenantState } from './tenantState.ts';

/** One step of the seeded history: the business, the moment and who acts. */
export interface SeedStep {
  state: TenantState;
  random: Random;
  time: Date;
  staff: SeedStaff;
}

/** What a seeded action produces: its events, or none when it cannot happen now. */
export type SeedAction = (step: SeedStep) => ActivityEventInput[];

/**
 * The common part of an event a staff member causes through the app: tenant, time, actor and the
 * request context the capture middleware would have recorded.
 */
export function staffEvent(
  { state, time, staff }: SeedStep,
  request: { method: string; route: string; status?: number },
): Pick<ActivityEventInput, 'tenantId' | 'occurredAt' | 'actor' | 'context'> {
  return {
    tenantId: state.tenant.id,
    occurredAt: time,
    actor: staff.actor,
    context: {
      ip: staff.ip,
      userAgent: staff.userAgent,
      location: staff.location,
      method: request.method,
      route: request.route,
      status: request.status ?? 200,
    },
  };
}
