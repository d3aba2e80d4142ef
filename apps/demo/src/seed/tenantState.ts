import type { Actor } from '@activitykit/schema';
import type { AccountSeed } from '../server/domain/accounts.ts';
import type {
  BookingDoc,
  CustomerDoc,
  OrderDoc,
  SaleDoc,
  WaiverDoc,
} from '../server/domain/model.ts';
import type { Tenant } from '../server/domain/tenants.ts';
import { CATALOGS, type Catalog, USER_AGENTS } from './catalog.ts';
import { Pool } from './pool.ts';
import type { Random } from './random.ts';

/** A staff member (or the partner) as the seeded history sees them. */
export interface SeedStaff {
  actor: Actor;
  location: string;
  ip: string;
  userAgent: string;
  otp: boolean;
}

/** What one business's history has built so far: the records to store once the events are written. */
export interface TenantState {
  tenant: Tenant;
  catalog: Catalog;
  staff: SeedStaff[];
  customers: Map<string, CustomerDoc>;
  orders: Map<string, OrderDoc>;
  bookings: Map<string, BookingDoc>;
  sales: SaleDoc[];
  waivers: WaiverDoc[];
  liveCustomers: Pool<CustomerDoc>;
  openOrders: Pool<OrderDoc>;
  openBookings: Pool<BookingDoc>;
}

/** An empty business with its staff ready to act. */
export function createTenantState(
  random: Random,
  { tenant, accounts }: { tenant: Tenant; accounts: readonly AccountSeed[] },
): TenantState {
  const catalog = CATALOGS[tenant.id] as Catalog;
  const staff = accounts
    .filter((account) => account.tenantId === tenant.id)
    .filter((account) => account.role === 'staff' || account.role === 'partner')
    .map((account): SeedStaff => {
      const location = account.location ?? (tenant.locations[0]?.id as string);
      return {
        actor: {
          id: account.id,
          type: 'user',
          role: account.role,
          name: account.name,
          email: account.email,
        },
        location,
        ip: random.pick(catalog.officeIps[location] ?? ['10.0.0.1']),
        userAgent: random.pick(USER_AGENTS),
        otp: account.otp === true,
      };
    });
  return {
    tenant,
    catalog,
    staff,
    customers: new Map(),
    orders: new Map(),
    bookings: new Map(),
    sales: [],
    waivers: [],
    liveCustomers: new Pool(),
    openOrders: new Pool(),
    openBookings: new Pool(),
  };
}
