import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStateDb, type StateDb } from '../../src/stores/sqlite.js';
import { IDEMPOTENCY_TTL_MS, type StoredOutcome } from '../../src/writes/idempotency.js';
import {
  SqliteIdempotencyStore,
  type SqliteIdempotencyOptions,
} from '../../src/writes/sqlite-idempotency.js';

const TICKET: StoredOutcome = { type: 'ticket', providerKey: 'daakey', remoteId: '41' };
const UNKNOWN: StoredOutcome = { type: 'outcome-unknown', provider: 'daakey' };

const opened: Array<{ close(): Promise<void> } | StateDb> = [];
afterEach(async () => {
  for (const item of opened.reverse()) {
    if ('open' in item) item.close();
    else await item.close();
  }
  opened.length = 0;
});

function db(path = ':memory:'): StateDb {
  const handle = openStateDb(path);
  opened.push(handle);
  return handle;
}

function store(handle: StateDb, options: SqliteIdempotencyOptions = {}): SqliteIdempotencyStore {
  const created = new SqliteIdempotencyStore(handle, { pollMs: 1, ...options });
  opened.push(created);
  return created;
}

/** A clock the test moves by hand: nothing sleeps. */
function clock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'gw-state-')), 'state.db');
const rows = (handle: StateDb) => handle.prepare('SELECT count(*) FROM idempotency').pluck().get();

describe('SqliteIdempotencyStore', () => {
  it('claims a new key, replays its outcome for the same input, refuses another input', async () => {
    const s = store(db());
    expect(await s.claim('k', 'fp', 'daakey')).toEqual({ state: 'claimed' });
    await s.complete('k', TICKET);
    expect(await s.claim('k', 'fp', 'daakey')).toEqual({ state: 'done', outcome: TICKET });
    expect(await s.claim('k', 'other', 'daakey')).toEqual({ state: 'conflict' });
  });

  it('lets a released key be claimed again', async () => {
    const s = store(db());
    await s.claim('k', 'fp', 'daakey');
    await s.release('k');
    expect(await s.claim('k', 'fp', 'daakey')).toEqual({ state: 'claimed' });
  });

  it('gives concurrent duplicates one claim; the others wait and replay its outcome', async () => {
    const s = store(db());
    const claims = Array.from({ length: 5 }, () => s.claim('k', 'fp', 'daakey'));
    const first = await claims[0];
    expect(first).toEqual({ state: 'claimed' });
    await s.complete('k', TICKET);
    expect(await Promise.all(claims.slice(1))).toEqual(Array(4).fill({ state: 'done', outcome: TICKET }));
  });

  it('hands a released key to one waiting duplicate', async () => {
    const s = store(db());
    await s.claim('k', 'fp', 'daakey');
    const waiting = [s.claim('k', 'fp', 'daakey'), s.claim('k', 'fp', 'daakey')];
    await s.release('k');
    const next = await Promise.race(waiting);
    expect(next).toEqual({ state: 'claimed' });
    await s.complete('k', TICKET);
    expect((await Promise.all(waiting)).map((c) => c.state).sort()).toEqual(['claimed', 'done']);
  });

  it('makes one claim between two processes sharing the file; the other polls for the outcome', async () => {
    const path = tempFile();
    const [a, b] = [store(db(path)), store(db(path))];
    expect(await a.claim('k', 'fp', 'daakey')).toEqual({ state: 'claimed' });
    const waiting = b.claim('k', 'fp', 'daakey');
    await new Promise((r) => setTimeout(r, 20));
    await a.complete('k', TICKET);
    expect(await waiting).toEqual({ state: 'done', outcome: TICKET });
  });

  it('uses WAL and keeps a finished key across a reopen of the file (a restart)', async () => {
    const path = tempFile();
    const first = openStateDb(path);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    const before = new SqliteIdempotencyStore(first);
    await before.claim('k', 'fp', 'daakey');
    await before.complete('k', TICKET);
    await before.close();
    first.close();
    expect(await store(db(path)).claim('k', 'fp', 'daakey')).toEqual({ state: 'done', outcome: TICKET });
  });

  it('answers outcome unknown, never a second claim, for a claim left by a process that died', async () => {
    const path = tempFile();
    const dead = new SqliteIdempotencyStore(db(path));
    await dead.claim('k', 'fp', 'daakey');
    await dead.close(); // as if killed: the claim was never completed
    const after = store(db(path));
    expect(await after.claim('k', 'fp', 'daakey')).toEqual({ state: 'done', outcome: UNKNOWN });
    // Recorded: later retries get the same answer at once.
    expect(await after.claim('k', 'fp', 'daakey')).toEqual({ state: 'done', outcome: UNKNOWN });
    expect(await after.claim('k', 'other', 'daakey')).toEqual({ state: 'conflict' });
  });

  it('tells a claim of another live process from one whose process is gone', async () => {
    const path = tempFile();
    const handle = db(path);
    const other = store(handle);
    await other.claim('alive', 'fp', 'daakey');
    await other.claim('gone', 'fp', 'daakey');
    handle.prepare('UPDATE idempotency SET owner_pid = 4000001').run();
    const t = clock(Date.now());
    const here = store(db(path), { now: t.now, isAlive: () => true, staleMs: 60_000 });
    const waiting = here.claim('alive', 'fp', 'daakey');
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false); // in flight elsewhere: it waits
    t.advance(60_001); // then a claim open that long counts as interrupted
    expect(await waiting).toEqual({ state: 'done', outcome: UNKNOWN });
    const judge = store(db(path), { isAlive: (pid) => pid !== 4000001 });
    expect(await judge.claim('gone', 'fp', 'daakey')).toEqual({ state: 'done', outcome: UNKNOWN });
  });

  it('forgets a key a day after its claim, and sweeps expired rows', async () => {
    const t = clock();
    const handle = db();
    const s = store(handle, { now: t.now });
    await s.claim('old', 'fp', 'daakey');
    await s.complete('old', TICKET);
    t.advance(IDEMPOTENCY_TTL_MS - 1);
    expect(await s.claim('old', 'fp', 'daakey')).toEqual({ state: 'done', outcome: TICKET });
    await s.claim('new', 'fp', 'daakey');
    await s.complete('new', TICKET);
    t.advance(1);
    s.sweep();
    expect(rows(handle)).toBe(1);
    expect(await s.claim('old', 'other input', 'daakey')).toEqual({ state: 'claimed' });
  });

  it('keeps at most maxKeys, dropping the oldest finished keys and never one in flight', async () => {
    const t = clock();
    const handle = db();
    const s = store(handle, { now: t.now, maxKeys: 3 });
    await s.claim('pending', 'fp', 'daakey');
    for (const key of ['a', 'b', 'c', 'd']) {
      t.advance(1_000);
      await s.claim(key, 'fp', 'daakey');
      await s.complete(key, TICKET);
    }
    s.sweep();
    const kept = handle.prepare('SELECT key FROM idempotency ORDER BY key').pluck().all();
    expect(kept).toEqual(['c', 'd', 'pending']);
  });

  it('answers outcome unknown for a finished row whose outcome it cannot read, and never throws', async () => {
    const handle = db();
    const s = store(handle);
    for (const [key, outcome] of [
      ['k1', 'not json'],
      ['k2', '{"type":"ticket","providerKey":"daakey"}'],
      ['k3', '{"type":"teleport"}'],
    ] as const) {
      await s.claim(key, 'fp', 'daakey');
      await s.complete(key, TICKET);
      handle.prepare('UPDATE idempotency SET outcome = ? WHERE key = ?').run(outcome, key);
      expect(await s.claim(key, 'fp', 'daakey')).toEqual({ state: 'done', outcome: UNKNOWN });
    }
  });
});
