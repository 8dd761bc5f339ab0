import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisPersistedQueries, sha256, SqlitePersistedQueries } from '../../src/edge/persisted.js';
import { openStateDb } from '../../src/stores/sqlite.js';
import { simulatorInstances, type RunningSimulator } from '../../src/demo/simulators.js';
import { createProviders } from '../../src/providers/registry.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { startTestSimulators } from '../support/gateway.js';
import { startRedis } from '../support/processes.js';
import { hasRedis } from '../support/binaries.js';
import { send, type RawAnswer } from '../security/helpers.js';

const QUERY = 'query Providers { providers { id key } }';
const HASH = sha256(QUERY);

let sims: RunningSimulator[];
const open: Array<() => Promise<void>> = [];

beforeAll(async () => {
  sims = await startTestSimulators();
});
afterAll(async () => {
  for (const close of open.reverse()) await close();
  await Promise.all(sims.map((s) => s.close()));
});

async function gateway(options: Partial<Parameters<typeof startGateway>[0]> = {}): Promise<RunningGateway> {
  const providers = createProviders(simulatorInstances(sims));
  const gw = await startGateway({ providers, port: 0, ...options });
  open.push(async () => {
    await gw.close();
    await Promise.all([...providers.values()].map((p) => p.close()));
  });
  return gw;
}

const extension = (hash = HASH) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

function postApq(url: string, body: Record<string, unknown>): Promise<RawAnswer> {
  return send(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function getApq(url: string, hash = HASH, query?: string): Promise<RawAnswer> {
  const params = new URLSearchParams({ extensions: JSON.stringify(extension(hash)) });
  if (query) params.set('query', query);
  return send(`${url}?${params}`, { method: 'GET', headers: { accept: 'application/json' } });
}

const providersData = { providers: expect.arrayContaining([expect.objectContaining({ key: 'taskip' })]) };

describe('automatic persisted queries (Apollo’s protocol)', () => {
  it('answers a hash alone PERSISTED_QUERY_NOT_FOUND, stores hash + query, then runs the hash alone (POST)', async () => {
    const gw = await gateway();
    const unknown = await postApq(gw.url, { extensions: extension() });
    expect(unknown.status).toBe(200);
    expect(unknown.json()).toEqual({
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    const registered = await postApq(gw.url, { query: QUERY, extensions: extension() });
    expect(registered.json()).toEqual({ data: providersData });
    const byHash = await postApq(gw.url, { extensions: extension(), operationName: 'Providers' });
    expect(byHash.json()).toEqual({ data: providersData });
  });

  it('works the same over GET, as Apollo’s link sends queries with useGETForHashedQueries', async () => {
    const gw = await gateway();
    expect((await getApq(gw.url)).json().errors?.[0]?.extensions).toEqual({
      code: 'PERSISTED_QUERY_NOT_FOUND',
    });
    expect((await getApq(gw.url, HASH, QUERY)).json()).toEqual({ data: providersData });
    expect((await getApq(gw.url)).json()).toEqual({ data: providersData });
  });

  it('refuses a hash that is not the query’s, and a version other than 1, storing nothing', async () => {
    const gw = await gateway();
    const other = sha256('{ __typename }');
    const mismatch = await postApq(gw.url, { query: QUERY, extensions: extension(other) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json().errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect((await postApq(gw.url, { extensions: extension(other) })).json().errors?.[0]?.extensions).toEqual({
      code: 'PERSISTED_QUERY_NOT_FOUND',
    });
    const v2 = await postApq(gw.url, { extensions: { persistedQuery: { version: 2, sha256Hash: HASH } } });
    expect(v2.status).toBe(400);
    const notHex = await postApq(gw.url, { extensions: extension('../../etc/passwd') });
    expect(notHex.json().errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it.skipIf(!hasRedis())(
    'shares registrations between instances through Redis, and trusts nothing it reads back blindly',
    async () => {
      const redis = await startRedis();
      open.push(redis.stop);
      const store = () => new RedisPersistedQueries(redis.client);
      const a = await gateway({
        persistedQueries: { mode: 'automatic', manifest: new Map(), store: store() },
      });
      const b = await gateway({
        persistedQueries: { mode: 'automatic', manifest: new Map(), store: store() },
      });
      await postApq(a.url, { query: QUERY, extensions: extension() });
      expect((await postApq(b.url, { extensions: extension() })).json()).toEqual({ data: providersData });
      // A value under a hash that is not its own is ignored.
      const forged = sha256('{ __typename }');
      await redis.client.set(
        `tg:apq:${forged}`,
        'mutation { deleteTicket(input: { ticketId: "x" }) { __typename } }',
      );
      expect(
        (await postApq(b.url, { extensions: extension(forged) })).json().errors?.[0]?.extensions,
      ).toEqual({
        code: 'PERSISTED_QUERY_NOT_FOUND',
      });
    },
  );
});

describe('persisted queries in the SQLite state file (no Redis)', () => {
  const stateFile = () => join(mkdtempSync(join(tmpdir(), 'gw-apq-')), 'state.db');
  const sqlite = (path: string) => {
    const db = openStateDb(path);
    open.push(async () => void db.close());
    return { db, store: new SqlitePersistedQueries(db) };
  };

  it('keeps registrations across a restart on the same file', async () => {
    const path = stateFile();
    const first = sqlite(path);
    const before = await gateway({
      persistedQueries: { mode: 'automatic', manifest: new Map(), store: first.store },
    });
    await postApq(before.url, { query: QUERY, extensions: extension() });
    first.db.close(); // what the first process wrote is in the file, not in its memory
    const after = await gateway({
      persistedQueries: { mode: 'automatic', manifest: new Map(), store: sqlite(path).store },
    });
    expect((await postApq(after.url, { extensions: extension() })).json()).toEqual({ data: providersData });
  });

  it('trusts nothing it reads back blindly: a row under another hash is ignored and dropped', async () => {
    const { db, store } = sqlite(':memory:');
    const gw = await gateway({ persistedQueries: { mode: 'automatic', manifest: new Map(), store } });
    const forged = sha256('{ __typename }');
    db.prepare('INSERT INTO persisted_queries VALUES (?, ?, 10, 0)').run(forged, 'mutation { x }');
    expect((await postApq(gw.url, { extensions: extension(forged) })).json().errors?.[0]?.extensions).toEqual(
      {
        code: 'PERSISTED_QUERY_NOT_FOUND',
      },
    );
    expect(db.prepare('SELECT count(*) FROM persisted_queries').pluck().get()).toBe(0);
  });

  it('is bounded by count and by size, least recently used out first', async () => {
    let now = 0;
    const db = openStateDb(':memory:');
    open.push(async () => void db.close());
    const store = new SqlitePersistedQueries(db, 4, 1_000, () => now);
    const queries = Array.from({ length: 6 }, (_, i) => `query Q${i} { __typename }`);
    for (const query of queries.slice(0, 4)) {
      now += 120_000;
      await store.set(sha256(query), query);
    }
    now += 120_000;
    expect(await store.get(sha256(queries[0]!))).toBe(queries[0]); // used again: now the most recent
    for (const query of queries.slice(4)) {
      now += 120_000;
      await store.set(sha256(query), query);
    }
    const kept: boolean[] = [];
    for (const query of queries) {
      now += 120_000;
      kept.push((await store.get(sha256(query))) !== undefined);
    }
    expect(kept).toEqual([true, false, false, true, true, true]);
    // Over the size bound with the rest: the least recently used go until it fits.
    const big = `query Big { __typename }${' '.repeat(926)}`;
    now += 120_000;
    await store.set(sha256(big), big);
    const left = await Promise.all(
      [big, ...queries].map(async (q) => (await store.get(sha256(q))) !== undefined),
    );
    expect(left).toEqual([true, false, false, false, false, true, true]);
  });
});

describe('trusted documents', () => {
  it('runs only the manifest’s operations, by hash', async () => {
    const gw = await gateway({ persistedQueries: { mode: 'trusted', manifest: new Map([[HASH, QUERY]]) } });
    expect((await postApq(gw.url, { extensions: extension() })).json()).toEqual({ data: providersData });
    const arbitrary = await postApq(gw.url, { query: '{ __typename }' });
    expect(arbitrary.status).toBe(400);
    expect(arbitrary.json().errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_REQUIRED' });
    const unknown = await postApq(gw.url, { extensions: extension(sha256('{ __typename }')) });
    expect(unknown.json().errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
  });
});

describe('persisted query settings', () => {
  it('reads an Apollo manifest or a hash → query object, and refuses a hash that is not its query’s', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadConfig } = await import('../../src/config.js');
    const dir = mkdtempSync(join(tmpdir(), 'gw-pq-'));
    const file = (name: string, content: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(content));
      return join(dir, name);
    };
    const apollo = file('apollo.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: HASH, name: 'Providers', type: 'query', body: QUERY }],
    });
    const env = (path: string) => ({ PERSISTED_QUERIES: 'trusted', PERSISTED_QUERIES_FILE: path });
    expect(loadConfig(env(apollo)).persistedQueries.manifest.get(HASH)).toBe(QUERY);
    expect(loadConfig(env(file('plain.json', { [HASH]: QUERY }))).persistedQueries.manifest.size).toBe(1);
    expect(() => loadConfig(env(file('bad.json', { [sha256('x')]: QUERY })))).toThrow(/is not the SHA-256/);
    expect(() => loadConfig({ PERSISTED_QUERIES: 'trusted' })).toThrow(/PERSISTED_QUERIES_FILE: required/);
    expect(() => loadConfig({ PERSISTED_QUERIES: 'sometimes' })).toThrow(/PERSISTED_QUERIES: .*"sometimes"/);
    expect(loadConfig({}).persistedQueries.mode).toBe('automatic');
  });
});
