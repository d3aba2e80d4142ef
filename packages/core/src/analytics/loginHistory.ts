import { DAY_MS } from '@activitykit/schema';
import type { Collection, Filter } from 'mongodb';
import { type EventDocument, utcDay, utcDaysBetween } from '../internal/document.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import { type DayLogins, LOGIN_FIELDS, loadLoginCounts } from './loginCounts.ts';
import { actorEquality, mapLimit, READS_IN_FLIGHT, SUCCESSFUL_LOGIN } from './shared.ts';

/** Does a user have successful logins in `[from, to)`, and any from `ip`? */
export interface LoginQuestion {
  tenantId: string;
  actorId: string;
  ip: string;
  from: Date;
  to: Date;
}

/** The answer to a {@link LoginQuestion}. */
export interface LoginAnswer {
  /** The user logged in successfully in the window. */
  any: boolean;
  /** …and from the question's IP. */
  sameIp: boolean;
}

/** From this many users needing the logins of one day, the day is read once for all of them. */
const WHOLE_DAY_USERS = 3;

/** A user's first successful login from an IP within the range fell on `day`. */
export interface PairToScreen {
  tenantId: string;
  actorId: string;
  ip: string;
  /** A UTC day wholly inside the range, with counters of the current shape. */
  day: string;
}

/**
 * What the day counters alone tell of a user's first login from an IP on a day wholly inside the
 * range: `known` when they logged in from that IP on a whole day of the look back before it, `new`
 * when they logged in on such a day but never from that IP (and not on the look back's first,
 * partial day either), `ask` when only the instant of the login can tell (then answer it with
 * {@link answerLoginQuestions}). No login of the day itself comes before the pair's first from
 * that IP, as the day lies inside the range.
 *
 * @example
 * ```ts
 * await screenLoginPairs({ rollups, tenants: ['acme'] }, [{ tenantId: 'acme', actorId: 'u-ann', ip, day }], 365);
 * // ['new']
 * ```
 */
export async function screenLoginPairs(
  deps: { rollups: RollupReader; tenants: TenantSet },
  pairs: PairToScreen[],
  lookbackDays: number,
): Promise<('new' | 'known' | 'ask')[]> {
  /** The look back's first day (cut at the login's time of day), then its whole days. */
  const before = (pair: PairToScreen) => {
    const start = Date.parse(`${pair.day}T00:00:00Z`);
    const whole: string[] = [];
    for (let back = lookbackDays - 1; back >= 1; back--) whole.push(utcDay(start - back * DAY_MS));
    return { first: utcDay(start - lookbackDays * DAY_MS), whole };
  };
  const days = new Set<string>();
  for (const pair of pairs) {
    const { first, whole } = before(pair);
    days.add(first);
    for (const day of whole) days.add(day);
  }
  const { counted, incomplete } = await loadLoginCounts(deps.rollups, deps.tenants, days);
  return pairs.map((pair) => {
    const { first, whole } = before(pair);
    let any = false;
    for (const day of whole) {
      const key = `${pair.tenantId}|${day}`;
      if (incomplete.has(key)) return 'ask';
      const ips = counted.get(key)?.get(pair.actorId);
      if ((ips?.get(pair.ip) ?? 0) > 0) return 'known';
      if (ips && [...ips.values()].some((n) => n > 0)) any = true;
    }
    const edge = `${pair.tenantId}|${first}`;
    const fromIp = counted.get(edge)?.get(pair.actorId)?.get(pair.ip) ?? 0;
    if (!any || incomplete.has(edge) || fromIp > 0) return 'ask';
    return 'new';
  });
}

/**
 * Answers whether users logged in successfully before — whatever a request's filters, within the
 * user's own tenant. With counters (`li` on day documents: successful logins per user and IP) the
 * whole days of a window are answered from them and only its first and last days are read
 * (`{ tenantId, day, kind: 'login', outcome: 'success' }`), as are days with counter documents of
 * the first shape; without counters, one read per tenant covers every window.
 *
 * @example
 * ```ts
 * const [answer] = await answerLoginQuestions({ collection, rollups, tenants: ['acme'] }, [
 *   { tenantId: 'acme', actorId: 'u-ann', ip: '203.0.113.9', from, to },
 * ]);
 * // { any: true, sameIp: false }: a login from a new IP address
 * ```
 */
export async function answerLoginQuestions(
  deps: {
    collection: Collection<EventDocument>;
    rollups?: RollupReader | undefined;
    tenants: TenantSet;
  },
  questions: LoginQuestion[],
): Promise<LoginAnswer[]> {
  if (questions.length === 0) return [];
  const { collection, rollups, tenants } = deps;
  const readLogins = (where: Record<string, unknown>) =>
    collection
      .find({ ...SUCCESSFUL_LOGIN, ...where } as Filter<EventDocument>, {
        projection: LOGIN_FIELDS,
      })
      .toArray();

  if (!rollups) {
    const from = new Date(Math.min(...questions.map((q) => q.from.getTime())));
    const to = new Date(Math.max(...questions.map((q) => q.to.getTime())));
    const tenantIds = tenants === '*' ? [...new Set(questions.map((q) => q.tenantId))] : tenants;
    const logins = (
      await mapLimit([...new Set(tenantIds)], READS_IN_FLIGHT, (tenantId) =>
        readLogins({ tenantId, $and: [{ occurredAt: { $gte: from, $lt: to } }] }),
      )
    ).flat();
    return questions.map((question) => answerFromEvents(question, logins));
  }

  // Edge days are read; whole days inside a window come from the counters when they can.
  const edges = new Set<string>();
  const days = new Set<string>();
  for (const { tenantId, from, to } of questions) {
    edges.add(`${tenantId}|${utcDay(from)}`);
    edges.add(`${tenantId}|${utcDay(to.getTime() - 1)}`);
    for (const day of utcDaysBetween(from, to)) days.add(day);
  }
  const { counted, incomplete } = await loadLoginCounts(rollups, tenants, days);

  // The edges and days whose counters are of the first shape: each user's logins there, in one
  // read of the day when several users need it.
  const toRead = new Map<string, Set<string>>();
  for (const { tenantId, actorId, from, to } of questions) {
    for (const day of utcDaysBetween(from, to)) {
      const key = `${tenantId}|${day}`;
      if (!counted.has(key) || !(edges.has(key) || incomplete.has(key))) continue;
      toRead.set(key, (toRead.get(key) ?? new Set()).add(actorId));
    }
  }
  const read = new Map<string, EventDocument[]>();
  const reads: { key: string; actorId?: string }[] = [...toRead].flatMap(([key, actors]) =>
    actors.size >= WHOLE_DAY_USERS ? [{ key }] : [...actors].map((actorId) => ({ key, actorId })),
  );
  await mapLimit(reads, READS_IN_FLIGHT, async ({ key, actorId }) => {
    const [tenantId = '', day = ''] = key.split('|');
    const where = actorId === undefined ? {} : actorEquality(actorId);
    const logins = await readLogins({ tenantId, day, ...where });
    if (actorId !== undefined) read.set(JSON.stringify([tenantId, day, actorId]), logins);
    else
      for (const actor of toRead.get(key) ?? [])
        read.set(JSON.stringify([tenantId, day, actor]), logins);
  });

  return questions.map((question) => {
    const answer: LoginAnswer = { any: false, sameIp: false };
    for (const day of utcDaysBetween(question.from, question.to)) {
      const events = read.get(JSON.stringify([question.tenantId, day, question.actorId]));
      const part = events
        ? answerFromEvents(question, events)
        : answerFromCounts(question, counted.get(`${question.tenantId}|${day}`));
      answer.any ||= part.any;
      answer.sameIp ||= part.sameIp;
      if (answer.sameIp) break;
    }
    return answer;
  });
}

function answerFromEvents(question: LoginQuestion, logins: EventDocument[]): LoginAnswer {
  const answer: LoginAnswer = { any: false, sameIp: false };
  for (const doc of logins) {
    const at = doc.occurredAt.getTime();
    if (doc.tenantId !== question.tenantId || doc.actor?.id !== question.actorId) continue;
    if (at < question.from.getTime() || at >= question.to.getTime()) continue;
    answer.any = true;
    if (doc.context?.ip === question.ip) answer.sameIp = true;
  }
  return answer;
}

function answerFromCounts(question: LoginQuestion, day: DayLogins | undefined): LoginAnswer {
  const ips = day?.get(question.actorId);
  if (!ips) return { any: false, sameIp: false };
  return {
    any: [...ips.values()].some((n) => n > 0),
    sameIp: (ips.get(question.ip) ?? 0) > 0,
  };
}
