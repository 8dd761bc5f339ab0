import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { SimulatorDefinition } from '../../src/simulator/types.js';

/** A two-route provider, to exercise the shared hooks apart from any real provider. */
function tinyProvider(): SimulatorDefinition {
  let greeting = 'hello';
  return {
    key: 'tiny',
    basePath: '/v9',
    headers: { 'x-key': 'demo' },
    routes: [
      {
        method: 'GET',
        path: '/items/:id',
        handler: (req) => ({ status: 200, body: { id: req.params['id'], greeting } }),
      },
      {
        method: 'POST',
        path: '/greeting',
        handler: (req) => {
          greeting = String((req.body as { text: string }).text);
          return { status: 201, body: { greeting } };
        },
      },
    ],
    authenticate: (req) =>
      req.headers['x-key'] === 'demo' ? undefined : { status: 401, body: { denied: true } },
    notFound: () => ({ status: 404, body: { missing: true } }),
    resetData: () => {
      greeting = 'hello';
    },
  };
}

let sim: RunningSimulator;
const get = (path: string, headers: Record<string, string> = { 'x-key': 'demo' }): Promise<Response> =>
  fetch(sim.baseUrl + path, { headers });
const control = (method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${sim.origin}/__sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  sim = await startSimulator(tinyProvider());
});
afterAll(() => sim.close());
beforeEach(() => sim.controls.reset());

describe('the shared simulator server', () => {
  it('serves routes below the base path, with auth and the provider 404', async () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v9$/);
    expect(await (await get('/items/42')).json()).toEqual({ id: '42', greeting: 'hello' });
    const denied = await get('/items/42', {});
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ denied: true });
    const missing = await get('/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ missing: true });
  });

  it('counts requests by route id and logs them, in-process and over HTTP', async () => {
    await get('/items/1');
    await get('/items/2?x=1');
    expect(sim.controls.requests('GET /v9/items/:id')).toBe(2);
    const stats = (await (await control('GET', 'stats')).json()) as {
      total: number;
      requests: Record<string, number>;
    };
    expect(stats).toEqual({ total: 2, requests: { 'GET /v9/items/:id': 2 } });
    const log = (await (await control('GET', 'requests')).json()) as { requests: string[] };
    expect(log.requests).toEqual(['GET /v9/items/1', 'GET /v9/items/2?x=1']);
  });

  it('injects status faults with a count, connection resets, malformed and oversized bodies', async () => {
    expect(
      (await control('POST', 'faults', { route: 'GET /v9/items/:id', kind: 'status', status: 503, times: 1 }))
        .status,
    ).toBe(200);
    expect((await get('/items/1')).status).toBe(503);
    expect((await get('/items/1')).status).toBe(200);
    sim.controls.addFault({ route: '*', kind: 'reset', times: 1 });
    await expect(get('/items/1')).rejects.toThrow();
    sim.controls.addFault({ route: '*', kind: 'malformed', times: 1 });
    await expect((await get('/items/1')).json()).rejects.toThrow();
    sim.controls.addFault({ route: '*', kind: 'oversized', bytes: 100_000, times: 1 });
    expect((await (await get('/items/1')).text()).length).toBeGreaterThanOrEqual(99_000);
  });

  it('applies an error rate drawn from a seeded generator', async () => {
    sim.controls.addFault({ route: '*', kind: 'status', status: 500, rate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push((await get('/items/1')).status);
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
  });

  it('adds latency per route', async () => {
    await control('POST', 'latency', { route: 'GET /v9/items/:id', ms: 150 });
    const started = performance.now();
    await get('/items/1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects a bad fault with a clear message, and resets data and hooks', async () => {
    const bad = await control('POST', 'faults', { route: '*', kind: 'explode' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('fault kind');
    await fetch(`${sim.baseUrl}/greeting`, {
      method: 'POST',
      headers: { 'x-key': 'demo', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'changed' }),
    });
    expect(await (await get('/items/1')).json()).toMatchObject({ greeting: 'changed' });
    await control('POST', 'reset');
    expect(sim.controls.requests()).toBe(0);
    expect(await (await get('/items/1')).json()).toMatchObject({ greeting: 'hello' });
  });
});
