import {
  compareLoginPairs,
  DAY_MS,
  newIpLoginSignal,
  type SecuritySignal,
} from '@activitykit/schema';
import type { LoginPair } from './loginPairs.ts';
import type { SignalSettings } from './securitySignal.ts';
import { mapLimit, READS_IN_FLIGHT, signalEvent } from './shared.ts';
import type { SignalSource } from './signalReads.ts';

/**
 * Successful logins from an IP address the user had never logged in from: for each (tenant, user,
 * IP) seen in the range, its first successful login there, unless the same user logged in
 * successfully from the same IP earlier — looking back `newIpLogin.lookbackDays` before it, across
 * the range's start and regardless of the user's filters (within the event's own tenant). A user
 * with no earlier successful login at all is not flagged: a first login is not a new IP. At most
 * `newIpLogin.maxPairs` pairs, the ones with the fewest logins first. The range's logins are read
 * by day with the other login detectors; the earlier ones come from the day counters of successful
 * logins per user and IP, reading only the first and last day of each look back (see
 * `answerLoginQuestions`). Medium.
 *
 * @example
 * ```ts
 * const signals = await newIpLoginSignals(source, signalSettings({ match, range }));
 * // [{ type: 'new_ip_login', key: 'u-alice', description: 'Alice logged in from a new IP address …' }]
 * ```
 */
export async function newIpLoginSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const { limitEvents, newIpLogin } = settings;
  const pairs = (await source.loginPairs()).sort(compareLoginPairs).slice(0, newIpLogin.maxPairs);
  if (pairs.length === 0) return [];

  // The counters settle most pairs; the others by the instant of their first login.
  const counted = pairs.filter((pair) => pair.countedDay !== undefined);
  const verdicts = new Map<LoginPair, 'new' | 'known' | 'ask'>();
  const screened = await source.screenPairs(
    counted.map((pair) => ({ ...pair, day: pair.countedDay as string })),
    newIpLogin.lookbackDays,
  );
  for (const [i, pair] of counted.entries()) verdicts.set(pair, screened[i] ?? 'ask');
  const lookback = newIpLogin.lookbackDays * DAY_MS;
  const asked = pairs.filter((pair) => (verdicts.get(pair) ?? 'ask') === 'ask');
  const firsts = await mapLimit(asked, READS_IN_FLIGHT, (pair) => pair.first());
  const questions = asked.flatMap((pair, i) => {
    const to = firsts[i]?.occurredAt;
    return to ? [{ pair, question: { ...pair, from: new Date(to.getTime() - lookback), to } }] : [];
  });
  const answers = await source.answerLogins(questions.map(({ question }) => question));
  for (const [i, { pair }] of questions.entries()) {
    // No earlier login at all is a first login, not a new IP; one from this IP is nothing new.
    verdicts.set(pair, answers[i]?.any && !answers[i]?.sameIp ? 'new' : 'known');
  }

  const flagged = pairs.filter((pair) => verdicts.get(pair) === 'new');
  const signals = await mapLimit(flagged, READS_IN_FLIGHT, async (pair) => {
    const first = await pair.first();
    if (!first) return undefined;
    const logins = await pair.logins(limitEvents);
    return newIpLoginSignal(
      { ...pair, first: signalEvent(first), logins: logins.map(signalEvent) },
      settings,
    );
  });
  return signals.filter((signal) => signal !== undefined);
}
