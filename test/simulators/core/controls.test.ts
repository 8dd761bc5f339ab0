import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulators/core/server.js';
import type { SimulatorDefinition } from '../../../src/simulators/core/types.js';

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

  it('adds headers to a faulted answer, in-process and over HTTP', async () => {
    sim.controls.addFault({
      route: 'GET /v9/items/:id',
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '2' },
      times: 1,
    });
    const limited = await get('/items/1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('content-type')).toBe('application/json');
    expect(await limited.json()).toEqual({ message: 'Injected fault 429' });
    const posted = await control('POST', 'faults', {
      route: '*',
      kind: 'status',
      status: 503,
      body: { error: 'down' },
      headers: { 'Retry-After': '30', 'X-Upstream': 'maintenance' },
      times: 1,
    });
    expect(posted.status).toBe(200);
    const down = await get('/items/1');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    expect(down.headers.get('x-upstream')).toBe('maintenance');
    expect(await down.json()).toEqual({ error: 'down' });
    sim.controls.addFault({
      route: '*',
      kind: 'malformed',
      headers: { 'Content-Type': 'text/html' },
      times: 1,
    });
    const malformed = await get('/items/1');
    expect(malformed.headers.get('content-type')).toBe('text/html');
    // Expired: the next answer is the route's own, without the fault's headers.
    const ok = await get('/items/1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('retry-after')).toBeNull();
  });

  it('trickles a slow body: the route answers (and does its work), headers at once, the body over ms', async () => {
    sim.controls.addFault({ route: 'POST /v9/greeting', kind: 'slow-body', ms: 600, chunks: 4, times: 1 });
    const started = performance.now();
    const res = await fetch(`${sim.baseUrl}/greeting`, {
      method: 'POST',
      headers: { 'x-key': 'demo', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'slowly' }),
    });
    const headersAt = performance.now() - started;
    expect(res.status).toBe(201);
    expect(headersAt).toBeLessThan(400);
    const reader = res.body!.getReader();
    const pieces: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) pieces.push(r.value);
    const bodyAt = performance.now() - started;
    expect(bodyAt).toBeGreaterThanOrEqual(550);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(Buffer.concat(pieces).toString('utf8'))).toEqual({ greeting: 'slowly' });
    // The handler ran: the change is there, and the next answer is at full speed.
    expect(await (await get('/items/1')).json()).toMatchObject({ greeting: 'slowly' });
  });

  it('takes a slow body over HTTP with headers, and survives a client that gives up', async () => {
    sim.definition.resetData();
    const posted = await control('POST', 'faults', {
      route: 'GET /v9/items/:id',
      kind: 'slow-body',
      ms: 2_000,
      chunks: 20,
      headers: { 'X-Slow': 'yes' },
      times: 1,
    });
    expect(posted.status).toBe(200);
    const abort = new AbortController();
    const res = await fetch(`${sim.baseUrl}/items/7`, { headers: { 'x-key': 'demo' }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-slow')).toBe('yes');
    expect(Number(res.headers.get('content-length'))).toBe(
      JSON.stringify({ id: '7', greeting: 'hello' }).length,
    );
    abort.abort();
    await expect(res.text()).rejects.toThrow();
    expect(await (await get('/items/8')).json()).toEqual({ id: '8', greeting: 'hello' });
  });

  it('refuses bad headers and slow bodies with a clear message', async () => {
    const refused = async (rule: unknown, text: string): Promise<void> => {
      const res = await control('POST', 'faults', rule);
      expect(res.status, JSON.stringify(rule)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(text);
    };
    await refused({ route: '*', kind: 'slow-body' }, 'fault ms');
    await refused({ route: '*', kind: 'slow-body', ms: -5 }, 'fault ms');
    await refused({ route: '*', kind: 'slow-body', ms: 100, chunks: 0 }, 'fault chunks');
    await refused({ route: '*', kind: 'status', status: 429, headers: ['Retry-After'] }, 'fault headers');
    await refused({ route: '*', kind: 'status', status: 429, headers: { 'Retry-After': 2 } }, 'Retry-After');
    await refused({ route: '*', kind: 'status', status: 503, headers: { 'X-A': 'a\r\nX-B: b' } }, 'X-A');
    await refused({ route: '*', kind: 'status', status: 503, headers: { 'bad name': 'x' } }, 'header name');
    await refused(
      { route: '*', kind: 'status', status: 503, headers: { 'Content-Length': '1' } },
      'Content-Length',
    );
    await refused({ route: '*', kind: 'reset', headers: { 'Retry-After': '1' } }, 'reset');
    await refused(null, 'JSON object');
    expect(() => sim.controls.addFault({ route: '*', kind: 'slow-body', ms: 0 })).toThrow('fault ms');
    expect((await get('/items/1')).status).toBe(200);
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
