import { describe, expect, it } from 'vitest';
import {
  MemoryIdempotencyStore,
  parseStoredOutcome,
  type StoredOutcome,
} from '../../src/writes/idempotency.js';

const TICKET: StoredOutcome = { type: 'ticket', providerKey: 'daakey', remoteId: '41' };

describe('MemoryIdempotencyStore', () => {
  it('evicts expired keys as new ones are claimed, never one in flight', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore(1_000, () => now);
    await store.claim('in-flight', 'fp', 'daakey');
    await store.claim('done', 'fp', 'daakey');
    await store.complete('done', TICKET);
    now = 1_000;
    await store.claim('fresh', 'fp', 'daakey');
    expect(store.size).toBe(2);
    expect(await store.claim('done', 'another input', 'daakey')).toEqual({ state: 'claimed' });
  });

  it('holds at most maxKeys, the oldest finished keys out first', async () => {
    const store = new MemoryIdempotencyStore(60_000, () => 0, 3);
    await store.claim('pending', 'fp', 'daakey');
    for (const key of ['a', 'b', 'c', 'd']) {
      await store.claim(key, 'fp', 'daakey');
      await store.complete(key, TICKET);
    }
    expect(store.size).toBe(3);
    expect(await store.claim('c', 'fp', 'daakey')).toEqual({ state: 'done', outcome: TICKET });
    expect(await store.claim('a', 'other', 'daakey')).toEqual({ state: 'claimed' });
  });
});

describe('parseStoredOutcome', () => {
  it('reads back only the outcome shapes it wrote', () => {
    expect(parseStoredOutcome(JSON.stringify(TICKET))).toEqual(TICKET);
    expect(parseStoredOutcome('{"type":"ticket"}')).toBeUndefined();
    expect(parseStoredOutcome('[1')).toBeUndefined();
    expect(parseStoredOutcome(null)).toBeUndefined();
  });
});
