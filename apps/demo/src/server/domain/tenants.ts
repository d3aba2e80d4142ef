/** A business using the demo app: one tenant of the activity log. */
export interface Tenant {
  id: string;
  name: string;
  /** IANA time zone of its venues (business hours, seeded history). */
  timeZone: string;
  locations: { id: string; name: string }[];
}

/**
 * The two businesses of the demo. Platform administrators act under the `platform` tenant, which is
 * also where sign-in attempts for unknown e-mail addresses are recorded.
 */
export const TENANTS: readonly Tenant[] = [
  {
    id: 'harbor',
    name: 'Harbor Play Center',
    timeZone: 'Europe/London',
    locations: [
      { id: 'harbor-north', name: 'North Pier' },
      { id: 'harbor-south', name: 'South Beach' },
    ],
  },
  {
    id: 'summit',
    name: 'Summit Climbing Gym',
    timeZone: 'Europe/Moscow',
    locations: [
      { id: 'summit-downtown', name: 'Downtown' },
      { id: 'summit-riverside', name: 'Riverside' },
    ],
  },
];

/** The tenant of platform administrators and of sign-ins that match no account. */
export const PLATFORM_TENANT = 'platform';

/** The tenant with this id, if it is one of the businesses. */
export function findTenant(id: string): Tenant | undefined {
  return TENANTS.find((tenant) => tenant.id === id);
}

/** Whether `location` is one of the tenant's venues. */
export function isTenantLocation(tenantId: string, location: string): boolean {
  return findTenant(tenantId)?.locations.some((entry) => entry.id === location) ?? false;
}
