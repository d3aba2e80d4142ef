import { SYSTEM_ACTOR } from '@activitykit/core';
import { type ActivityEventInput, timeZoneOffset } from '@activitykit/schema';
import { newId } from '../server/domain/ids.ts';
import { refs } from '../server/domain/labels.ts';
import type { BookingDoc } from '../server/domain/model.ts';
import { type SeedAction, staffEvent } from './seedEvent.ts';
import type { TenantState } from './tenantState.ts';

const HOUR = 3_600_000;

/** `booking.created` for a slot in the coming days. */
export const createBooking: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer) return [];
  const day = Math.floor(step.time.getTime() / (24 * HOUR)) + step.random.int(1, 10);
  const localHour = step.random.int(10, 18);
  const noon = day * 24 * HOUR + 12 * HOUR;
  const startsAt = new Date(
    day * 24 * HOUR + localHour * HOUR - timeZoneOffset(noon, step.state.tenant.timeZone),
  );
  const booking: BookingDoc = {
    _id: newId('B'),
    tenantId: customer.tenantId,
    customerId: customer._id,
    customerName: customer.name,
    location: step.staff.location,
    resource: step.random.pick(step.state.catalog.resources),
    startsAt,
    durationMin: step.random.pick([60, 90, 120]),
    guests: step.random.int(1, 20),
    status: step.random.chance(0.7) ? 'confirmed' : 'pending',
    createdAt: step.time,
  };
  step.state.bookings.set(booking._id, booking);
  step.state.openBookings.add(booking);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: 'bookings.create' }),
      action: 'booking.created',
      subject: refs.booking(booking),
      refs: [refs.customer(customer)],
      changes: [
        { path: 'startsAt', after: startsAt.toISOString() },
        { path: 'guests', after: booking.guests },
        { path: 'status', after: booking.status },
      ],
    },
  ];
};

/** `booking.rescheduled` or `booking.cancelled` before the visit. */
export const changeBooking: SeedAction = (step) => {
  const booking = step.state.openBookings.pick(step.random);
  if (!booking || booking.startsAt <= step.time || booking.status === 'checked_in') return [];
  const cancel = step.random.chance(0.35);
  const base = {
    ...staffEvent(step, {
      method: 'POST',
      route: cancel ? 'bookings.cancel' : 'bookings.reschedule',
    }),
    refs: [{ type: 'customer', id: booking.customerId, label: booking.customerName }],
  };
  if (cancel) {
    const before = booking.status;
    booking.status = 'cancelled';
    step.state.openBookings.remove(booking);
    return [
      {
        ...base,
        action: 'booking.cancelled',
        kind: 'update',
        subject: refs.booking(booking),
        changes: [{ path: 'status', before, after: 'cancelled' }],
      },
    ];
  }
  const before = booking.startsAt;
  booking.startsAt = new Date(before.getTime() + step.random.int(-2, 7) * 24 * HOUR + HOUR);
  if (booking.startsAt <= step.time) booking.startsAt = new Date(before.getTime() + 24 * HOUR);
  return [
    {
      ...base,
      action: 'booking.rescheduled',
      kind: 'update',
      subject: refs.booking(booking),
      changes: [
        { path: 'startsAt', before: before.toISOString(), after: booking.startsAt.toISOString() },
      ],
    },
  ];
};

/** What the background job does to a booking whose time has come (seed 002: the system actor). */
export const advanceBooking: SeedAction = (step) => {
  const booking = step.state.openBookings.pick(step.random);
  if (!booking) return [];
  const before = booking.status;
  const started = booking.startsAt <= step.time;
  let after: BookingDoc['status'];
  if (before === 'pending') after = 'confirmed';
  else if (!started) return [];
  else if (before === 'confirmed') after = step.random.chance(0.93) ? 'checked_in' : 'no_show';
  else after = 'completed';
  const event = systemBookingEvent(booking, { after, time: step.time });
  booking.status = after;
  if (after === 'completed' || after === 'no_show') step.state.openBookings.remove(booking);
  return [event];
};

/**
 * The job's changes to bookings whose visit is over by `now` but that the history left open, at
 * the moments the job would have made them (so the live job starts with nothing to catch up on).
 */
export function closeStaleBookings(state: TenantState, now: number): ActivityEventInput[] {
  const events: ActivityEventInput[] = [];
  for (const booking of state.bookings.values()) {
    const end = booking.startsAt.getTime() + booking.durationMin * 60_000;
    if (end > now) continue;
    const steps: [BookingDoc['status'], number][] = [];
    if (booking.status === 'pending') steps.push(['confirmed', booking.createdAt.getTime() + HOUR]);
    if (booking.status === 'pending' || booking.status === 'confirmed') {
      steps.push(['checked_in', booking.startsAt.getTime()]);
    }
    if (
      booking.status !== 'cancelled' &&
      booking.status !== 'completed' &&
      booking.status !== 'no_show'
    ) {
      steps.push(['completed', end]);
    }
    for (const [after, time] of steps) {
      events.push(systemBookingEvent(booking, { after, time: new Date(Math.min(time, now)) }));
      booking.status = after;
    }
    state.openBookings.remove(booking);
  }
  return events;
}

function systemBookingEvent(
  booking: BookingDoc,
  { after, time }: { after: BookingDoc['status']; time: Date },
): ActivityEventInput {
  return {
    tenantId: booking.tenantId,
    occurredAt: time,
    actor: SYSTEM_ACTOR,
    action: 'booking.status_changed',
    kind: 'update',
    subject: refs.booking(booking),
    refs: [{ type: 'customer', id: booking.customerId, label: booking.customerName }],
    changes: [{ path: 'status', before: booking.status, after }],
    context: { location: booking.location },
  };
}
