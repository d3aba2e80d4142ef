import type { Db } from 'mongodb';

/** The roles of the demo's users (the activity log's user types). */
export const ROLES = ['admin', 'partner', 'staff', 'customer'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** A person who signs in. */
export interface UserDoc {
  _id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  /** `scrypt$<salt>$<hash>` (see `hashPassword`). */
  passwordHash: string;
  /** Ask for a one-time code after the password. */
  otp: boolean;
  /** The customer record of a `customer` user. */
  customerId?: string;
  /** The venue a staff member works at. */
  location?: string;
}

/** A child or other person a customer books for. */
export interface Dependent {
  id: string;
  name: string;
  birthYear: number;
}

/** A customer of a business. */
export interface CustomerDoc {
  _id: string;
  tenantId: string;
  name: string;
  email: string;
  phone: string;
  location: string;
  dependents: Dependent[];
  createdAt: Date;
  updatedAt: Date;
  /** Set by the administrators' "archive inactive customers"; archived customers are not listed. */
  archived?: boolean;
}

/** The statuses an order goes through. */
export const ORDER_STATUSES = ['new', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
/** One of {@link ORDER_STATUSES}. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A line of an order or a POS sale. */
export interface LineItem {
  name: string;
  qty: number;
  price: number;
}

/** A customer's order (party packages, passes, merchandise). */
export interface OrderDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  customerName: string;
  location: string;
  items: LineItem[];
  total: number;
  status: OrderStatus;
  createdAt: Date;
}

/** The statuses a booking goes through (the background job moves them along). */
export const BOOKING_STATUSES = [
  'pending',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
/** One of {@link BOOKING_STATUSES}. */
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A booking of a room or session. */
export interface BookingDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  customerName: string;
  location: string;
  resource: string;
  startsAt: Date;
  durationMin: number;
  guests: number;
  status: BookingStatus;
  createdAt: Date;
}

/** A sale at the till. */
export interface SaleDoc {
  _id: string;
  tenantId: string;
  location: string;
  customerId?: string;
  items: LineItem[];
  total: number;
  payment: 'card' | 'cash';
  staffId: string;
  createdAt: Date;
}

/** A signed liability waiver. */
export interface WaiverDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  participant: string;
  signedAt: Date;
}

/** A signed-in browser: `_id` is the SHA-256 of the cookie's token. */
export interface SessionDoc {
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set while the one-time code is still to be entered. */
  otp?: { codeHash: string; expiresAt: Date; attempts: number };
}

/** The demo's collections. */
export function collections(db: Db) {
  return {
    users: db.collection<UserDoc>('users'),
    customers: db.collection<CustomerDoc>('customers'),
    orders: db.collection<OrderDoc>('orders'),
    bookings: db.collection<BookingDoc>('bookings'),
    sales: db.collection<SaleDoc>('sales'),
    waivers: db.collection<WaiverDoc>('waivers'),
    sessions: db.collection<SessionDoc>('sessions'),
    meta: db.collection<{ _id: string; [key: string]: unknown }>('meta'),
  };
}
/** The demo's collections; see {@link collections}. */
export type Collections = ReturnType<typeof collections>;

/** Creates the indexes the pages' lists use. */
export async function ensureDomainIndexes(db: Collections): Promise<void> {
  await db.users.createIndex({ email: 1 }, { unique: true });
  for (const collection of [db.customers, db.orders, db.bookings, db.sales] as const) {
    await collection.createIndex({ tenantId: 1, createdAt: -1 });
  }
  await db.waivers.createIndex({ tenantId: 1, customerId: 1 });
}
