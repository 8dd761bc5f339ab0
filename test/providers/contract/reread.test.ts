import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import type { FaultRule } from '../../../src/simulators/index.js';
import { upstreamFailure, useKinds } from './harness.js';
import { WRITES, kindCase, type Target } from './kinds.js';

/*
 * After a write the upstream confirmed, the new state is read back where the write's answer
 * lacks it (`afterWrite` in `src/providers/write-policy.ts`). When that read fails, the write
 * still happened: its answer is never the read's own error (NOT_FOUND, UPSTREAM_UNAVAILABLE
 * would let a retry write twice), but the write's own state where its answer holds all of it,
 * and UPSTREAM_OUTCOME_UNKNOWN ("check before retrying") where it does not.
 */

const kinds = useKinds();

/** Ways the read after the write fails. */
const READ_FAULTS: Array<[string, Omit<FaultRule, 'route'>]> = [
  ['a 500', { kind: 'status', status: 500 }],
  ['a 503', { kind: 'status', status: 503 }],
  ['a 404 (the ticket not found yet)', { kind: 'status', status: 404, body: { message: 'not found' } }],
  ['a reset connection', { kind: 'reset' }],
  ['a body that is not JSON', { kind: 'malformed' }],
];

describe.each(WRITES)('$kind $name, $newState', (write) => {
  const detail = kindCase(write.kind).detail;
  let p: TicketProvider;
  let target: Target;
  beforeEach(async () => {
    kinds.reset(write.kind);
    p = kinds.provider(write.kind);
    target = await kinds.target(write.kind, p);
  });

  it.each(READ_FAULTS)('a confirmed write whose read-back fails with %s', async (_name, fault) => {
    const sim = kinds.sim(write.kind);
    sim.controls.addFault({ route: detail, ...fault });
    const result = write.run(p, target);
    if (write.newState === 'reread') {
      const error = await upstreamFailure(result);
      expect(error).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: write.kind });
    } else {
      const state = await result;
      // A create's answer stands for the new ticket: its subject, OPEN, the body as its opening message.
      if (write.name === 'createTicket') {
        const created = kindCase(write.kind).create(target);
        expect(state).toMatchObject({ providerKey: write.kind, subject: created.subject, status: 'OPEN' });
        expect((state as Ticket).messages?.[0]?.body).toBe(created.body);
      }
    }
    if (write.newState === 'answer') expect(sim.controls.requests(detail)).toBe(0);
    expect(sim.controls.requests(write.route)).toBe(1);
    sim.controls.clearFaults();
    if (write.landed) expect(await write.landed(p, target)).toBe(true);
  });
});
