import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEADLINE_MS, LATE_MS, timed, upstreamFailure, useKinds } from './harness.js';
import { KINDS } from './kinds.js';
import { refusingOrigin, silentListener, type SilentListener } from './unreachable.js';

/*
 * A read answers by its deadline (`timeoutMs`) whatever the upstream does: slow to answer,
 * slow to send the body, or never completing the connection (which undici alone would wait
 * 10 s for). A deadline is UPSTREAM_TIMEOUT and is not retried; a refused connection is
 * UPSTREAM_UNAVAILABLE.
 */

const kinds = useKinds();

describe.each(KINDS)('$kind reads against the deadline', ({ kind, list, detail }) => {
  let silent: SilentListener;
  beforeAll(async () => {
    silent = await silentListener();
  });
  afterAll(() => silent.close());
  beforeEach(() => kinds.reset(kind));

  const firstPage = (origin?: string) => {
    const p = kinds.provider(kind, { timeoutMs: DEADLINE_MS, origin });
    return timed(() => p.listTickets({ filter: {}, page: 1 }));
  };

  it('no answer by the deadline → UPSTREAM_TIMEOUT, not retried', async () => {
    kinds.sim(kind).controls.setLatency({ route: list, ms: DEADLINE_MS + 300 });
    const { ms, result } = await firstPage();
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_TIMEOUT');
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
    expect(kinds.sim(kind).controls.requests(list)).toBe(1);
  });

  it("no answer by the deadline on a ticket's details → UPSTREAM_TIMEOUT in its slot", async () => {
    const p = kinds.provider(kind, { timeoutMs: DEADLINE_MS });
    const { tickets } = await p.listTickets({ filter: {}, page: 1 });
    kinds.sim(kind).controls.setLatency({ route: detail, ms: DEADLINE_MS + 300 });
    const { ms, result } = await timed(() => p.getTickets([tickets[0]!.remoteId]));
    expect((await result)[0]).toMatchObject({ code: 'UPSTREAM_TIMEOUT', provider: kind });
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
    expect(kinds.sim(kind).controls.requests(detail)).toBe(1);
  });

  it('a body still arriving at the deadline → UPSTREAM_TIMEOUT, not retried', async () => {
    kinds.sim(kind).controls.addFault({ route: list, kind: 'slow-body', ms: DEADLINE_MS * 2, chunks: 4 });
    const { ms, result } = await firstPage();
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_TIMEOUT');
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
    expect(kinds.sim(kind).controls.requests(list)).toBe(1);
  });

  it('a body that arrives slowly but by the deadline is read', async () => {
    kinds.sim(kind).controls.addFault({ route: list, kind: 'slow-body', ms: DEADLINE_MS / 6, chunks: 3 });
    const { result } = await firstPage();
    expect((await result).tickets.length).toBeGreaterThan(0);
  });

  it('connect timeout (TCP never established) → UPSTREAM_TIMEOUT by the deadline', async () => {
    const { ms, result } = await firstPage(silent.origin);
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_TIMEOUT');
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS * 0.9);
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
  });

  it('connection refused → UPSTREAM_UNAVAILABLE at once', async () => {
    const { ms, result } = await firstPage(await refusingOrigin());
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ms).toBeLessThan(DEADLINE_MS);
  });
});
