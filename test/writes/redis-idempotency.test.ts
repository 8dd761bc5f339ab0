import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredOutcome } from '../../src/writes/idempotency.js';
import { RedisIdempotencyStore } from '../../src/writes/redis-idempotency.js';
import { startRedis } from '../support/processes.js';

const TICKET: StoredOutcome = { type: 'ticket', providerKey: 'daakey', remoteId: '41' };
const UNKNOWN: StoredOutcome = { type: 'outcome-unknown', provider: 'daakey' };

let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describe('RedisIdempotencyStore', () => {
  it('claims, replays, refuses another input, and one claim of concurrent duplicates', async () => {
    const store = new RedisIdempotencyStore(redis.client, 'test:a:', 5);
    const claims = Array.from({ length: 4 }, () => store.claim('k', 'fp', 'daakey'));
    expect(await claims[0]).toEqual({ state: 'claimed' });
    await store.complete('k', TICKET);
    expect(await Promise.all(claims.slice(1))).toEqual(Array(3).fill({ state: 'done', outcome: TICKET }));
    expect(await store.claim('k', 'other', 'daakey')).toEqual({ state: 'conflict' });
  });

  it('validates what it reads back: an unreadable entry is absent, an unreadable outcome unknown', async () => {
    const store = new RedisIdempotencyStore(redis.client, 'test:b:', 5);
    await redis.client.set('test:b:garbage', '{"fingerprint": 3}');
    expect(await store.claim('garbage', 'fp', 'daakey')).toEqual({ state: 'claimed' });
    const entry = { fingerprint: 'fp', provider: 'daakey', startedAt: Date.now(), outcome: { type: 'x' } };
    await redis.client.set('test:b:odd', JSON.stringify(entry));
    expect(await store.claim('odd', 'fp', 'daakey')).toEqual({ state: 'done', outcome: UNKNOWN });
  });
});
