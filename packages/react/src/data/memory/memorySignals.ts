import {
  type ActivityEvent,
  bulkDeleteSignals,
  compareSignals,
  failedLoginAccountSignals,
  failedLoginIpSignals,
  isFailedLogin,
  newIpLoginSignals,
  offHoursActors,
  offHoursSignals,
  type PeriodRange,
  permissionChangeSignals,
  type SecuritySignal,
  signalRules,
} from '@activitykit/schema';

const oldestFirst = (events: readonly ActivityEvent[]) =>
  [...events].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
const isSuccessfulLogin = (event: ActivityEvent) =>
  event.kind === 'login' && event.outcome === 'success';

/**
 * The security signals of SPEC §6 by the store's default rules, with schema's rules applied to the
 * events held instead of reads: `matching` are the events of the query (every filter but the
 * period), `all` every event held (a new IP is new against every earlier login of the user).
 */
export function detectSignals(
  matching: readonly ActivityEvent[],
  options: { all: readonly ActivityEvent[]; range: PeriodRange; timeZone: string },
): SecuritySignal[] {
  const rules = signalRules({ timeZone: options.timeZone });
  const { range } = options;
  const inRange = oldestFirst(matching).filter(
    (event) =>
      event.occurredAt.getTime() >= range.from.getTime() &&
      event.occurredAt.getTime() < range.to.getTime(),
  );
  const failed = inRange.filter(isFailedLogin);
  return [
    ...failedLoginAccountSignals(failed, rules),
    ...failedLoginIpSignals(failed, rules),
    ...newIpLoginSignals({
      logins: inRange.filter(isSuccessfulLogin),
      history: oldestFirst(options.all.filter(isSuccessfulLogin)),
      rules,
    }),
    ...offHoursSignals(offHoursActors(inRange, { range, rules }), rules),
    ...bulkDeleteSignals(
      inRange.filter((event) => event.kind === 'delete'),
      rules,
    ),
    ...permissionChangeSignals(inRange, rules),
  ].sort(compareSignals);
}
