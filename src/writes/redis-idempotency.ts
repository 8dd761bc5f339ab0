import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  IDEMPOTENCY_TTL_MS,
  storedOutcomeSchema,
  type Claim,
  type IdempotencyStore,
  type StoredOutcome,
} from './idempotency.js';

/** A claim as stored under its key; the outcome is checked on its own (see `claim`). */
const entrySchema = z.object({
  fingerprint: z.string(),
  provider: z.string(),
  /** When the claiming instance started the write (ms). */
  startedAt: z.number(),
  outcome: z.unknown().optional(),
});
type Entry = z.output<typeof entrySchema>;

/** Deletes a key only while it still holds the given value (atomic in Redis). */
const DELETE_IF_SAME = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

function parseEntry(text: string): Entry | undefined {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Idempotency keys in Redis (`REDIS_URL`), shared by every instance: a claim is `SET NX`, so
 * of two instances receiving the same key at once only one writes; the other waits for the
 * outcome (polling, a write takes seconds). A claim still open after `staleMs` belonged to an
 * instance that died mid-write: its outcome is unknown, and that is what a retry is told
 * (never a second write). What is read back is validated: an unreadable entry counts as absent,
 * except a finished one whose outcome alone is unreadable, which answers outcome unknown.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tg:idem:',
    private readonly pollMs = 50,
    private readonly staleMs = 60_000,
  ) {}

  async claim(key: string, fingerprint: string, provider: string): Promise<Claim> {
    const redisKey = this.prefix + key;
    for (;;) {
      const fresh: Entry = { fingerprint, provider, startedAt: Date.now() };
      if ((await this.redis.set(redisKey, JSON.stringify(fresh), 'PX', IDEMPOTENCY_TTL_MS, 'NX')) === 'OK') {
        return { state: 'claimed' };
      }
      const text = await this.redis.get(redisKey);
      const entry = text === null ? undefined : parseEntry(text);
      if (text !== null && !entry) {
        await this.redis.eval(DELETE_IF_SAME, 1, redisKey, text);
        continue;
      }
      if (entry) {
        if (entry.fingerprint !== fingerprint) return { state: 'conflict' };
        if (entry.outcome !== undefined) return { state: 'done', outcome: outcomeOf(entry) };
        if (Date.now() - entry.startedAt > this.staleMs) {
          return { state: 'done', outcome: { type: 'outcome-unknown', provider: entry.provider } };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  async complete(key: string, outcome: StoredOutcome): Promise<void> {
    const text = await this.redis.get(this.prefix + key);
    const entry = text === null ? undefined : parseEntry(text);
    if (!entry) return;
    await this.redis.set(this.prefix + key, JSON.stringify({ ...entry, outcome }), 'PX', IDEMPOTENCY_TTL_MS);
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {}
}

function outcomeOf(entry: Entry): StoredOutcome {
  const parsed = storedOutcomeSchema.safeParse(entry.outcome);
  return parsed.success ? parsed.data : { type: 'outcome-unknown', provider: entry.provider };
}
