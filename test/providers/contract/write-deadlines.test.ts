import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketProvider } from '../../../src/providers/provider.js';
import { DEADLINE_MS, LATE_MS, sleep, timed, upstreamFailure, useKinds } from './harness.js';
import { KINDS, WRITES, type Target } from './kinds.js';
import { refusingOrigin, silentListener, type SilentListener } from './unreachable.js';

/*
 * Writes against the deadline (`timeoutMs`) and unreachable upstreams, on every kind: a write
 * the upstream may have received is UPSTREAM_OUTCOME_UNKNOWN, and may indeed land after the
 * client gave up (why it is never retried); one that never left is UPSTREAM_UNAVAILABLE (not
 * taken). Every answer comes by the deadline.
 */

const kinds = useKinds();

/** How long the simulator sits on a write: past the deadline, then it does the write. */
const LATENCY_MS = DEADLINE_MS + 250;

describe.each(WRITES)('$kind $name against its deadline', (write) => {
  let p: TicketProvider;
  let target: Target;
  beforeEach(async () => {
    kinds.reset(write.kind);
    p = kinds.provider(write.kind, { timeoutMs: DEADLINE_MS });
    target = await kinds.target(write.kind, p);
  });

  it('no answer by the deadline → UPSTREAM_OUTCOME_UNKNOWN, sent once; it may land all the same', async () => {
    const sim = kinds.sim(write.kind);
    sim.controls.setLatency({ route: write.route, ms: LATENCY_MS });
    const { ms, result } = await timed(() => write.run(p, target));
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
    // The simulator does the write once its latency is over: let it, before anything else runs.
    await sleep(LATENCY_MS - ms + 100);
    sim.controls.setLatency({ route: write.route, ms: 0 });
    expect(sim.controls.requests(write.route)).toBe(1);
    if (write.landed) expect(await write.landed(p, target)).toBe(true);
  });

  it('an answer whose body is still arriving at the deadline → UPSTREAM_OUTCOME_UNKNOWN, sent once', async () => {
    const sim = kinds.sim(write.kind);
    // `slow-body` does the write, then trickles its answer out over twice the deadline.
    sim.controls.addFault({ route: write.route, kind: 'slow-body', ms: DEADLINE_MS * 2, chunks: 4 });
    const { ms, result } = await timed(() => write.run(p, target));
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
    expect(sim.controls.requestLog()).toHaveLength(1);
  });
});

describe.each(KINDS)('$kind createTicket to an upstream it cannot reach', ({ kind, create }) => {
  let silent: SilentListener;
  beforeAll(async () => {
    silent = await silentListener();
  });
  afterAll(() => silent.close());
  beforeEach(() => kinds.reset(kind));

  const tag = (t: string): Target => ({ ticketId: '1', category: { id: '1', name: 'Any' }, tag: t });

  it('connection refused → UPSTREAM_UNAVAILABLE (not taken), at once', async () => {
    const p = kinds.provider(kind, { origin: await refusingOrigin(), timeoutMs: DEADLINE_MS });
    const { ms, result } = await timed(() => p.writes.createTicket!(create(tag('refused'))));
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ms).toBeLessThan(DEADLINE_MS);
  });

  it('connect timeout (TCP never established) → UPSTREAM_UNAVAILABLE (not taken), by the deadline', async () => {
    const p = kinds.provider(kind, { origin: silent.origin, timeoutMs: DEADLINE_MS });
    const { ms, result } = await timed(() => p.writes.createTicket!(create(tag('silent'))));
    expect((await upstreamFailure(result)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS * 0.9);
    expect(ms).toBeLessThan(DEADLINE_MS + LATE_MS);
  });
});
