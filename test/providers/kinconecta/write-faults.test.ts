import { describe, expect, it, vi } from 'vitest';
import { CREATE, CREATE_INPUT as INPUT, useSimulator } from './harness.js';
import {
  SIZE,
  call,
  kinconectaProvider,
  listAll,
  startKinconecta,
  ticketsOf,
  upstreamErrorOf,
} from './helpers.js';

const h = useSimulator();

describe('a create is sent exactly once', () => {
  it('a connection reset is UPSTREAM_OUTCOME_UNKNOWN, with no retry', async () => {
    h.sim().controls.addFault({ route: CREATE, kind: 'reset' });
    const error = await upstreamErrorOf(h.provider().createTicket(INPUT));
    expect(error.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(h.sim().controls.requests(CREATE)).toBe(1);
    expect(h.sim().controls.requests()).toBe(1);
  });

  it('a timeout is UPSTREAM_OUTCOME_UNKNOWN: the write may still happen upstream', async () => {
    h.sim().controls.setLatency({ route: CREATE, ms: 400 });
    const error = await upstreamErrorOf(h.provider({ timeoutMs: 150 }).createTicket(INPUT));
    expect(error.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(h.sim().controls.requests(CREATE)).toBe(1);
    // The simulator finishes the write after the client gave up: why a retry would duplicate it.
    await vi.waitFor(async () => expect(await listAll(h.sim().baseUrl)).toHaveLength(SIZE + 1), {
      timeout: 2_000,
    });
    expect(h.sim().controls.requests(CREATE)).toBe(1);
  });

  it('a 5xx is UPSTREAM_UNAVAILABLE and is not retried', async () => {
    h.sim().controls.addFault({ route: CREATE, kind: 'status', status: 503 });
    const error = await upstreamErrorOf(h.provider().createTicket(INPUT));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(h.sim().controls.requests(CREATE)).toBe(1);
  });
});

describe('a 2xx answer that cannot be read', () => {
  it.each<[string, () => void]>([
    ['a truncated JSON body', () => h.sim().controls.addFault({ route: CREATE, kind: 'malformed' })],
    [
      'JSON that is not a ticket',
      () => h.sim().controls.addFault({ route: CREATE, kind: 'status', status: 201, body: { ok: true } }),
    ],
    [
      'a list instead of a ticket',
      () => h.sim().controls.addFault({ route: CREATE, kind: 'status', status: 200, body: [] }),
    ],
    [
      'an oversized body',
      () => h.sim().controls.addFault({ route: CREATE, kind: 'oversized', bytes: 64 * 1024 }),
    ],
  ])('is UPSTREAM_OUTCOME_UNKNOWN for %s', async (_name, inject) => {
    inject();
    const p = h.provider({ maxResponseBytes: 16 * 1024 });
    const error = await upstreamErrorOf(p.createTicket(INPUT));
    expect(error.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(h.sim().controls.requests(CREATE)).toBe(1);
  });
});

describe('authentication', () => {
  it('a refused token is UPSTREAM_AUTH (nothing was written)', async () => {
    const locked = await startKinconecta({ credentials: { token: 'right' } });
    const p = kinconectaProvider(locked.baseUrl, { credentials: { token: 'wrong' } });
    try {
      expect((await upstreamErrorOf(p.createTicket(INPUT))).code).toBe('UPSTREAM_AUTH');
      const list = await call(locked.baseUrl, '/api/support-tickets', { headers: locked.headers });
      expect(ticketsOf(list)).toHaveLength(SIZE);
    } finally {
      await p.close();
      await locked.close();
    }
  });
});
