import { type ActivityStore, withActivityContext } from '@activitykit/core';
import { refs } from '../domain/labels.ts';
import type { BookingDoc, BookingStatus, Collections } from '../domain/model.ts';

/** Options of {@link startBookingStatusJob}. */
export interface BookingStatusJobOptions {
  db: Collections;
  store: ActivityStore;
  /** How often the job runs. Defaults to `30_000` ms. */
  intervalMs?: number;
  /** The current time. Defaults to `() => new Date()`. */
  clock?: () => Date;
}

const BATCH = 50;

/** The next status of a booking at `now`, if the job should move it. */
function nextStatus(booking: BookingDoc, now: Date): BookingStatus | undefined {
  const end = booking.startsAt.getTime() + booking.durationMin * 60_000;
  if (booking.status === 'pending') return 'confirmed';
  if (booking.status === 'confirmed' && booking.startsAt <= now) return 'checked_in';
  if (booking.status === 'checked_in' && end <= now.getTime()) return 'completed';
  return undefined;
}

/**
 * Moves bookings along on a timer — pending → confirmed, confirmed → checked in once they start,
 * checked in → completed once they end — and records each change as the `system` actor
 * (seed 002: changes no person made), under the booking's business and venue.
 * Returns a function that runs the job once now (tests) and `stop()`.
 */
export function startBookingStatusJob(options: BookingStatusJobOptions): {
  runOnce(): Promise<number>;
  stop(): Promise<void>;
} {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<number> | undefined;

  async function pass(): Promise<number> {
    const now = clock();
    const due = await options.db.bookings
      .find({
        $or: [
          { status: 'pending' },
          { status: 'confirmed', startsAt: { $lte: now } },
          { status: 'checked_in', startsAt: { $lte: now } },
        ],
      })
      .limit(BATCH)
      .toArray();
    let moved = 0;
    for (const booking of due) {
      const status = nextStatus(booking, now);
      if (!status) continue;
      const result = await options.db.bookings.updateOne(
        { _id: booking._id, status: booking.status },
        { $set: { status } },
      );
      if (result.modifiedCount === 0) continue;
      moved += 1;
      withActivityContext({ tenantId: booking.tenantId, location: booking.location }, () =>
        options.store.record({
          action: 'booking.status_changed',
          kind: 'update',
          subject: refs.booking(booking),
          refs: [{ type: 'customer', id: booking.customerId, label: booking.customerName }],
          changes: [{ path: 'status', before: booking.status, after: status }],
        }),
      );
    }
    return moved;
  }

  const runOnce = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) =>
      process.stderr.write(`[demo] booking job: ${String(error)}\n`),
    );
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
