import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../log.js';
import { noteKey, type LiveState, type PollSnapshot, type WriteNote } from './state.js';
import { parseNote, parseSnapshot } from './redis-schemas.js';

const DAY_S = 24 * 3600;

/** Renews a lease only for its holder (atomic in Redis). */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Deletes hash fields (odd ARGV) only while they still hold the given values (even ARGV), atomically. */
const FORGET = `local n = 0
for i = 1, #ARGV, 2 do
  if redis.call('hget', KEYS[1], ARGV[i]) == ARGV[i + 1] then n = n + redis.call('hdel', KEYS[1], ARGV[i]) end
end
return n`;

/** A note's stored value; the same note always serializes the same, which `FORGET` compares. */
function noteValue(note: WriteNote): string {
  return JSON.stringify({ value: note.value, at: note.at });
}

/** Live state shared by every gateway instance through Redis. */
export class RedisLiveState implements LiveState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tg:',
    /** Times ticket watches: every instance's must agree (the system's, in production). */
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  async announce(key: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}seen:${key}`, '1', 'EX', DAY_S, 'NX')) === 'OK';
  }

  async loadSnapshot(provider: string): Promise<PollSnapshot | undefined> {
    return parseSnapshot(await this.redis.get(`${this.prefix}snapshot:${provider}`));
  }

  async saveSnapshot(provider: string, snapshot: PollSnapshot): Promise<void> {
    await this.redis.set(`${this.prefix}snapshot:${provider}`, JSON.stringify(snapshot), 'EX', DAY_S);
  }

  async lease(provider: string, holder: string, ttlMs: number): Promise<boolean> {
    const key = `${this.prefix}lease:${provider}`;
    if ((await this.redis.set(key, holder, 'PX', ttlMs, 'NX')) === 'OK') return true;
    return (await this.redis.eval(RENEW, 1, key, holder, String(ttlMs))) === 1;
  }

  async releaseLease(provider: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `${this.prefix}lease:${provider}`, holder);
  }

  async watchTickets(provider: string, remoteIds: readonly string[], ttlMs: number): Promise<void> {
    if (remoteIds.length === 0) return;
    const until = this.clock.now() + ttlMs;
    await this.redis.zadd(`${this.prefix}watch:${provider}`, ...remoteIds.flatMap((id) => [until, id]));
  }

  async watchedTickets(provider: string): Promise<string[]> {
    const key = `${this.prefix}watch:${provider}`;
    await this.redis.zremrangebyscore(key, '-inf', this.clock.now());
    return this.redis.zrange(key, 0, -1);
  }

  async unwatchTicket(provider: string, remoteId: string): Promise<void> {
    await this.redis.zrem(`${this.prefix}watch:${provider}`, remoteId);
  }

  async noteWrite(provider: string, notes: readonly WriteNote[]): Promise<void> {
    if (notes.length === 0) return;
    const key = `${this.prefix}writes:${provider}`;
    const pairs = notes.flatMap((n) => [noteKey(n), noteValue(n)]);
    await this.redis
      .multi()
      .hset(key, ...pairs)
      .expire(key, DAY_S)
      .exec();
  }

  async writeNotes(provider: string): Promise<WriteNote[]> {
    const stored = await this.redis.hgetall(`${this.prefix}writes:${provider}`);
    return Object.entries(stored).flatMap(([field, text]) => parseNote(field, text) ?? []);
  }

  async forgetWrites(provider: string, notes: readonly WriteNote[]): Promise<void> {
    if (notes.length === 0) return;
    const pairs = notes.flatMap((n) => [noteKey(n), noteValue(n)]);
    await this.redis.eval(FORGET, 1, `${this.prefix}writes:${provider}`, ...pairs);
  }

  async close(): Promise<void> {}
}

/** The Redis connections of one instance: commands, publishing and subscribing. */
export interface RedisParts {
  commands: Redis;
  eventTarget: EventTarget;
  close(): Promise<void>;
}

/**
 * Connects to Redis for events (`@graphql-yoga/redis-event-target`), live state and
 * idempotency. Waits until every connection is ready: a SUBSCRIBE queued before the
 * subscriber connection's ready check can make ioredis refuse that check ("Connection in
 * subscriber mode"), and the instance would silently receive no events.
 *
 * @param log Where lost connections are told (ioredis reconnects by itself); nowhere by default.
 */
export async function connectRedis(url: string, log: Logger = silentLogger): Promise<RedisParts> {
  const commands = new Redis(url, { maxRetriesPerRequest: 2 });
  const publishClient = new Redis(url);
  const subscribeClient = new Redis(url);
  await Promise.all([commands, publishClient, subscribeClient].map(ready));
  for (const client of [commands, publishClient, subscribeClient]) {
    // ioredis reconnects by itself; a lost connection is worth a line in the log, not a crash.
    client.on('error', (error: Error) => log.warn({ err: error }, 'redis: connection error'));
  }
  return {
    commands,
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) as unknown as EventTarget,
    close: async () => {
      await Promise.all([commands.quit(), publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

/** Resolves when a connection is ready; rejects with the connection's error otherwise. */
function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
  });
}
