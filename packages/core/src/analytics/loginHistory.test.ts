import type { ActivityEventInput } from '@activitykit/schema';
import { createTestDb } from '@activitykit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventDocument } from '../internal/document.ts';
import { createRollupReader } from '../rollups/readRollups.ts';
import type { RollupCollectionDocument } from '../rollups/rollupDocument.ts';
import { createTestStore } from '../test/storeFixture.ts';
import { answerLoginQuestions, type LoginQuestion, screenLoginPairs } from './loginHistory.ts';
import { countLoginPairs, type LoginPair, pairsFromEvents } from './loginPairs.ts';
import { sortEvents } from './shared.ts';

/*
 * The new-IP signal asks whether a user logged in successfully within a look back, and from which
 * IP. The day counters answer the whole days; the answers must be those of reading every login.
 */

const testDb = await createTestDb('login-history');
const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);
const DAY = 86_400_000;
const { store, events } = await createTestStore(testDb, { clock: () => new Date(NOW) });
const rollupCollection = () =>
  testDb.db.collection<RollupCollectionDocument>(`${events().collectionName}_rollups`);

const USERS = ['u-ann', 'u.dot~x', 'U-Caps'];
const IPS = ['10.0.0.1', '10.0.0.2', '2001:db8::7', undefined];

function logins(): ActivityEventInput[] {
  return Array.from({ length: 240 }, (_, n) => {
    const ip = IPS[(n * 5) % IPS.length];
    return {
      tenantId: n % 7 === 0 ? 'beta' : 'acme',
      occurredAt: new Date(NOW - ((n * 7_777_777) % (70 * DAY))),
      action: n % 9 === 0 ? 'auth.login_failed' : 'auth.login',
      kind: n % 9 === 0 ? 'login_failed' : 'login',
      outcome: n % 11 === 0 ? 'failure' : 'success',
      actor: { id: USERS[n % USERS.length] as string, type: 'user' },
      ...(ip ? { context: { ip } } : {}),
    };
  });
}

/** Every user and IP of both tenants, over windows ending at odd instants, 1 to 60 days long. */
function questions(): LoginQuestion[] {
  const asked: LoginQuestion[] = [];
  for (const tenantId of ['acme', 'beta']) {
    for (const actorId of [...USERS, 'u-nobody']) {
      for (const ip of ['10.0.0.1', '2001:db8::7', '192.0.2.1']) {
        for (const [endDays, lengthDays] of [
          [0.3, 1],
          [2.71, 3.5],
          [10.01, 30],
          [5.5, 60],
          [0, 0.04],
        ] as const) {
          const to = new Date(NOW - endDays * DAY);
          asked.push({
            tenantId,
            actorId,
            ip,
            from: new Date(to.getTime() - lengthDays * DAY),
            to,
          });
        }
      }
    }
  }
  return asked;
}

/** The pairs counted from the counters and read from the events, with their first logins. */
async function comparePairs() {
  const rollups = createRollupReader(rollupCollection());
  const shown = async (pairs: LoginPair[]) =>
    (
      await Promise.all(
        pairs.map(async (pair) => ({
          key: [pair.tenantId, pair.actorId, pair.ip, pair.n],
          logins: (await pair.logins(3)).map((doc) => doc._id),
        })),
      )
    ).sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
  for (const [fromDays, toDays] of [
    [30, 0],
    [12.3, 1.7],
    [0.9, 0.2],
  ] as const) {
    const range = { from: new Date(NOW - fromDays * DAY), to: new Date(NOW - toDays * DAY) };
    for (const tenants of [['acme'], '*'] as const) {
      const match = tenants === '*' ? {} : { tenantId: { $in: [...tenants] } };
      const counted = await countLoginPairs({
        collection: events(),
        rollups,
        tenants,
        match,
        range,
      });
      const logins = await events()
        .find({
          ...match,
          kind: 'login',
          outcome: 'success',
          occurredAt: { $gte: range.from, $lt: range.to },
        })
        .toArray();
      expect(await shown(counted)).toEqual(await shown(pairsFromEvents(sortEvents(logins))));
      expect(counted.length).toBeGreaterThan(0);
    }
  }
}

async function compare() {
  const asked = questions();
  const rollups = createRollupReader(rollupCollection());
  for (const tenants of [['acme', 'beta'], '*'] as const) {
    const fromCounters = await answerLoginQuestions(
      { collection: events(), rollups, tenants },
      asked,
    );
    const fromEvents = await answerLoginQuestions({ collection: events(), tenants }, asked);
    expect(fromCounters).toEqual(fromEvents);
  }
  return asked;
}

beforeAll(async () => {
  for (const input of logins()) store.record(input);
  await store.flush();
});

describe('earlier logins of a user', () => {
  it('are answered from the day counters as from the events', async () => {
    const answers = await answerLoginQuestions({ collection: events(), tenants: '*' }, questions());
    // The cases occur: none, some from other IPs only, some from the same IP.
    expect(answers.some((answer) => !answer.any)).toBe(true);
    expect(answers.some((answer) => answer.any && !answer.sameIp)).toBe(true);
    expect(answers.some((answer) => answer.sameIp)).toBe(true);
    await compare();
  });

  it('are told apart by the day counters alone where they can be, as the instants tell', async () => {
    const rollups = createRollupReader(rollupCollection());
    // Each user's first login from an IP on a day (as a pair's first login in a range is).
    const firstOfDay = new Map<string, { doc: EventDocument; ip: string }>();
    const logins = await events()
      .find({ kind: 'login', outcome: 'success' })
      .sort({ occurredAt: 1, _id: 1 })
      .toArray();
    for (const doc of logins) {
      const ip = doc.context?.ip;
      const key = JSON.stringify([doc.tenantId, doc.actor.id, ip, doc.day]);
      if (typeof ip === 'string' && !firstOfDay.has(key)) firstOfDay.set(key, { doc, ip });
    }
    const pairs = [...firstOfDay.values()];
    for (const lookbackDays of [1, 3, 30]) {
      const screened = await screenLoginPairs(
        { rollups, tenants: '*' },
        pairs.map(({ doc, ip }) => ({
          tenantId: doc.tenantId,
          actorId: doc.actor.id,
          ip,
          day: doc.day,
        })),
        lookbackDays,
      );
      // What a login at that instant would be told by reading every login of the look back.
      const exact = await answerLoginQuestions(
        { collection: events(), tenants: '*' },
        pairs.map(({ doc, ip }) => ({
          tenantId: doc.tenantId,
          actorId: doc.actor.id,
          ip,
          from: new Date(doc.occurredAt.getTime() - lookbackDays * DAY),
          to: doc.occurredAt,
        })),
      );
      const told = screened.flatMap((verdict, i) =>
        verdict === 'ask' ? [] : [[verdict, exact[i]] as const],
      );
      // A look back of one day has no whole day: only the instant can tell.
      if (lookbackDays === 1) expect(told).toEqual([]);
      else expect(told.length).toBeGreaterThan(pairs.length / 4);
      for (const [verdict, answer] of told) {
        expect(answer).toEqual(
          verdict === 'known' ? { any: true, sameIp: true } : { any: true, sameIp: false },
        );
      }
    }
  });

  it('pair users with IPs from the day counters as from the events', async () => {
    await comparePairs();
  });

  it('read the days whose counters are of the first shape, without logins per IP', async () => {
    const old = await rollupCollection().updateMany(
      { type: 'day', day: { $in: ['2026-11-20', '2026-11-21', '2026-12-02'] } },
      { $unset: { v: '', li: '' } },
    );
    expect(old.modifiedCount).toBeGreaterThan(0);
    await compare();
    await comparePairs();
  });
});
