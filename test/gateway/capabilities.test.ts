import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';

/*
 * `Provider.capabilities` as clients see it, pinned per provider: the list and its order.
 * The capabilities are derived from what each provider implements (`capabilitiesOf`); this
 * keeps that derivation from changing an answer a client may have coded against.
 */

let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators);
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});

const READS = ['LIST_TICKETS', 'READ_TICKET', 'READ_MESSAGES'];

describe('Provider.capabilities over HTTP', () => {
  it('answers the same list, in the same order, for each demo provider', async () => {
    const res = await gw.query<{ providers: Array<{ key: string; capabilities: string[] }> }>(
      '{ providers { key capabilities } }',
    );
    expect(res.errors).toBeUndefined();
    const byKey = Object.fromEntries(res.data!.providers.map((p) => [p.key, p.capabilities]));
    expect(byKey).toStrictEqual({
      daakey: [...READS, 'CREATE_TICKET', 'ADD_MESSAGE', 'ATTACHMENT_URLS'],
      ippanel: [...READS, 'CREATE_TICKET', 'ADD_MESSAGE', 'UPLOAD_FILES'],
      taskip: [
        ...READS,
        'CREATE_TICKET',
        'ADD_MESSAGE',
        'UPDATE_STATUS',
        'UPDATE_PRIORITY',
        'ASSIGN_TICKET',
        'DELETE_TICKET',
        'INTERNAL_NOTES',
      ],
      kinconecta: [...READS, 'CREATE_TICKET', 'ATTACHMENT_URLS'],
    });
  });
});
