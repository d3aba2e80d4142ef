import type { Role } from './model.ts';
import { PLATFORM_TENANT } from './tenants.ts';

/** A user the seed creates. */
export interface AccountSeed {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  otp?: boolean;
  location?: string;
  /** Printed by `pnpm demo` as a ready-made sign-in. */
  listed?: boolean;
}

/** The password of every seeded account (this is a demo). */
export const DEMO_PASSWORD = 'demo1234';

/** Every seeded user: the listed demo sign-ins and the other staff who made the seeded history. */
export const ACCOUNTS: readonly AccountSeed[] = [
  {
    id: 'U-ADMIN',
    tenantId: PLATFORM_TENANT,
    email: 'admin@activitykit.dev',
    name: 'Ada Admin',
    role: 'admin',
    listed: true,
  },
  {
    id: 'U-HARBOR-PARTNER',
    tenantId: 'harbor',
    email: 'maya@harbor.test',
    name: 'Maya Reed',
    role: 'partner',
    listed: true,
  },
  {
    id: 'U-SUMMIT-PARTNER',
    tenantId: 'summit',
    email: 'ivan@summit.test',
    name: 'Ivan Petrov',
    role: 'partner',
    otp: true,
    listed: true,
  },
  {
    id: 'U-HARBOR-TOM',
    tenantId: 'harbor',
    email: 'tom@harbor.test',
    name: 'Tom Baker',
    role: 'staff',
    location: 'harbor-north',
    listed: true,
  },
  {
    id: 'U-HARBOR-LUCY',
    tenantId: 'harbor',
    email: 'lucy@harbor.test',
    name: 'Lucy Grant',
    role: 'staff',
    location: 'harbor-south',
  },
  {
    id: 'U-HARBOR-OMAR',
    tenantId: 'harbor',
    email: 'omar@harbor.test',
    name: 'Omar Haddad',
    role: 'staff',
    location: 'harbor-north',
  },
  {
    id: 'U-SUMMIT-OLGA',
    tenantId: 'summit',
    email: 'olga@summit.test',
    name: 'Olga Smirnova',
    role: 'staff',
    location: 'summit-downtown',
  },
  {
    id: 'U-SUMMIT-DMITRY',
    tenantId: 'summit',
    email: 'dmitry@summit.test',
    name: 'Dmitry Volkov',
    role: 'staff',
    location: 'summit-riverside',
  },
  {
    id: 'U-HARBOR-CUSTOMER',
    tenantId: 'harbor',
    email: 'emma@example.com',
    name: 'Emma Clarke',
    role: 'customer',
    listed: true,
  },
];

/** The customer record of the listed customer account. */
export const DEMO_CUSTOMER_ID = 'C-EMMA0001';
