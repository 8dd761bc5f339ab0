import { beforeEach, describe, expect, it } from 'vitest';
import type { UpstreamCode } from '../../../src/errors.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import type { FaultRule } from '../../../src/simulators/index.js';
import { upstreamFailure, useKinds } from './harness.js';
import { WRITES, type Target } from './kinds.js';

/*
 * The same fault on a write gives the same answer on every write of every kind, and the
 * write is sent once: the simulator's request log holds that one request and nothing else
 * (no retry, and no read after a failed write). The policy is `src/providers/write-policy.ts`.
 */

const kinds = useKinds();

type Fault = Omit<FaultRule, 'route'>;

const NOT_TAKEN: UpstreamCode = 'UPSTREAM_UNAVAILABLE';
const UNKNOWN: UpstreamCode = 'UPSTREAM_OUTCOME_UNKNOWN';

/** Faults on the write's own route, and the answer each must give. */
const FAULTS: Array<[string, Fault, UpstreamCode]> = [
  [
    '429 (rate limited: turned away)',
    { kind: 'status', status: 429, headers: { 'Retry-After': '1' } },
    NOT_TAKEN,
  ],
  ['503 (turned away before any work)', { kind: 'status', status: 503 }, NOT_TAKEN],
  ['401', { kind: 'status', status: 401 }, 'UPSTREAM_AUTH'],
  ['403', { kind: 'status', status: 403 }, 'UPSTREAM_AUTH'],
  ['500 (may have failed after its commit)', { kind: 'status', status: 500 }, UNKNOWN],
  ['500 after the write was done', { kind: 'status', status: 500, afterHandler: true }, UNKNOWN],
  ['502 (a proxy whose upstream may have saved it)', { kind: 'status', status: 502 }, UNKNOWN],
  ['504 (a proxy that gave up waiting)', { kind: 'status', status: 504 }, UNKNOWN],
  ['a reset before the answer', { kind: 'reset' }, UNKNOWN],
  ['a reset after the write was done', { kind: 'reset', afterHandler: true }, UNKNOWN],
  ['a 2xx that is not JSON', { kind: 'malformed' }, UNKNOWN],
  ['a 2xx over maxResponseBytes', { kind: 'oversized', bytes: 256 * 1024 }, UNKNOWN],
  [
    'a 2xx JSON object not in the documented shape',
    { kind: 'status', status: 201, body: { ok: true } },
    UNKNOWN,
  ],
  ['a 2xx JSON list instead of an object', { kind: 'status', status: 200, body: [] }, UNKNOWN],
  [
    'a 2xx envelope whose data is null',
    { kind: 'status', status: 201, body: { success: true, data: null, meta: { status: true } } },
    UNKNOWN,
  ],
];

describe.each(WRITES)('$kind $name', (write) => {
  let p: TicketProvider;
  let target: Target;
  beforeEach(async () => {
    kinds.reset(write.kind);
    p = kinds.provider(write.kind, { maxResponseBytes: 64 * 1024 });
    target = await kinds.target(write.kind, p);
  });

  it.each(FAULTS)('%s → %s, sent once', async (_name, fault, code) => {
    const sim = kinds.sim(write.kind);
    sim.controls.addFault({ route: write.route, ...fault });
    const error = await upstreamFailure(write.run(p, target));
    expect(error).toMatchObject({ code, provider: write.kind });
    expect(sim.controls.requests(write.route)).toBe(1);
    expect(sim.controls.requestLog()).toHaveLength(1);
  });

  it('succeeds with one request to its route when nothing fails', async () => {
    await write.run(p, target);
    expect(kinds.sim(write.kind).controls.requests(write.route)).toBe(1);
    if (write.landed) expect(await write.landed(p, target)).toBe(true);
  });
});
