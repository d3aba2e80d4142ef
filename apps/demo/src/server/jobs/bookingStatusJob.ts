import { type ActivityStore, withActivityContext } from '@activitykit/core';
import { capturedBookings } from '../domain/captured.ts';
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
 * checked in → completed once they end. The bookings are captured at the data layer, so each
 * change is recorded with its exact changes as the `system` actor (seed 002: changes no person
 * made), under the booking's business and venue, with one correlation id per run (the log shows
 * a run as one batch). Returns a function that runs the job once now (tests) and `stop()`.
 */
export function startBookingStatusJob(options: BookingStatusJobOptions): {
  runOnce(): Promise<number>;
  stop(): Promise<void>;
} {
  const clock = options.clock ?? (() => new Date());
  const bookings = capturedBookings(options.db, options.store);
  let running: Promise<number> | undefined;

  async function pass(): Promise<number> {
    const now = clock();
    // A job's own correlation id: its changes read as one run, apart from any request's.
    const run = { correlationId: `booking-job-${now.toISOString()}` };
    return withActivityContext(run, () => moveDue(now));
  }

  async function moveDue(now: Date): Promise<number> {
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
      const place = { tenantId: booking.tenantId, location: booking.location };
      const result = await withActivityContext(place, () =>
        bookings.updateOne({ _id: booking._id, status: booking.status }, { $set: { status } }),
      );
      if (result.modifiedCount > 0) moved += 1;
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
