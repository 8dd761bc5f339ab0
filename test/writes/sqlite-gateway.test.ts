import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorInstances } from '../../src/demo/simulators.js';
import { createProviders } from '../../src/providers/registry.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { openStateDb, type StateDb } from '../../src/stores/sqlite.js';
import { SqliteIdempotencyStore } from '../../src/writes/sqlite-idempotency.js';
import { postGraphQL, startTestSimulators } from '../support/gateway.js';

/** The gateway over the SQLite idempotency store, as `npm start` runs it without Redis. */
let sims: Awaited<ReturnType<typeof startTestSimulators>>;
let db: StateDb;
let store: SqliteIdempotencyStore;
let gateway: RunningGateway;
let providers: ReturnType<typeof createProviders>;

beforeAll(async () => {
  sims = await startTestSimulators();
  db = openStateDb(':memory:');
  store = new SqliteIdempotencyStore(db);
  providers = createProviders(simulatorInstances(sims));
  gateway = await startGateway({ providers, port: 0, idempotency: store });
});
afterAll(async () => {
  await gateway.close();
  await store.close();
  db.close();
  await Promise.all([...providers.values()].map((p) => p.close()));
  await Promise.all(sims.map((s) => s.close()));
});

const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename ... on CreateTicketSuccess { ticket { id } } ... on ValidationError { fieldErrors { field } } } }`;
type Answer = {
  createTicket: { __typename: string; ticket?: { id: string }; fieldErrors?: Array<{ field: string }> };
};
const input = (subject = 'Charged twice') => ({
  provider: 'daakey',
  subject,
  body: 'Two charges for one booking.',
  category: 'billing',
  idempotencyKey: 'sqlite-1',
});

describe('keyed writes over the SQLite store', () => {
  it('makes one upstream write for concurrent duplicates, and refuses the key with another input', async () => {
    const daakey = sims.find((s) => s.key === 'daakey')!;
    daakey.controls.reset();
    daakey.controls.setLatency({ route: 'POST /api/v1/client/tickets', ms: 150 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postGraphQL<Answer>(gateway.url, CREATE, { input: input() })),
    );
    expect(new Set(answers.map((a) => a.data?.createTicket.ticket?.id)).size).toBe(1);
    expect(answers[0]!.data?.createTicket.ticket?.id).toBeDefined();
    const other = await postGraphQL<Answer>(gateway.url, CREATE, { input: input('Another subject') });
    expect(other.data?.createTicket.fieldErrors?.[0]?.field).toBe('idempotencyKey');
    expect(daakey.controls.requestLog().filter((r) => r === 'POST /api/v1/client/tickets')).toHaveLength(1);
  });
});
