import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { postGraphQL, resetAll, startTestSimulators } from '../support/gateway.js';
import { configFor } from '../support/processes.js';
import { eventually } from '../support/live.js';
import { wsWith } from './helpers.js';
import { watchGateway, type WatchedGateway } from './process.js';

let sims: RunningSimulator[];

beforeAll(async () => {
  sims = await startTestSimulators();
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

async function gatewayOver(): Promise<WatchedGateway> {
  const { path, env } = configFor(sims);
  return watchGateway({ ...env, GATEWAY_CONFIG: path, DRAIN_TIMEOUT_MS: '8000' });
}

const REPLY = `mutation($id: ID!) { addMessage(input: { ticketId: $id, body: "sent before SIGTERM" }) {
  __typename ... on AddMessageSuccess { addedMessage { id body } } } }`;

describe('shutdown', () => {
  it('lets a write that is under way finish, ends subscriptions properly, then exits 0', async () => {
    resetAll(sims);
    const gateway = await gatewayOver();
    const list = await postGraphQL<{ tickets: { edges: Array<{ node: { id: string } }> } }>(
      gateway.url,
      '{ tickets(first: 1, filter: { providers: ["daakey"], status: [OPEN] }) { edges { node { id } } } }',
    );
    const ticketId = list.data!.tickets.edges[0]!.node.id;
    // A subscriber, to see how its subscription ends.
    const subscriber = wsWith(gateway.wsUrl);
    const ended = new Promise<string>((resolve) => {
      subscriber.on('closed', (event) => resolve(`closed ${(event as { code: number }).code}`));
      subscriber.subscribe(
        { query: 'subscription { messageAdded { message { id } } }' },
        {
          next: () => undefined,
          error: (e) => resolve(`error ${String(e)}`),
          complete: () => resolve('complete'),
        },
      );
    });
    await new Promise<void>((resolve) => subscriber.on('connected', () => resolve()));
    const daakey = sims.find((s) => s.key === 'daakey')!;
    const before = daakey.controls.requests();
    daakey.controls.setLatency({ route: '*', ms: 1_200 });
    const write = postGraphQL<{ addMessage: { __typename: string; addedMessage?: { body: string } } }>(
      gateway.url,
      REPLY,
      { id: ticketId },
    );
    // SIGTERM once the write is at the provider.
    while (daakey.controls.requests() === before) await new Promise((r) => setTimeout(r, 10));
    gateway.child.kill('SIGTERM');
    const answer = await write;
    expect(answer.data?.addMessage).toEqual({
      __typename: 'AddMessageSuccess',
      addedMessage: expect.objectContaining({ body: 'sent before SIGTERM' }),
    });
    expect(await ended).toBe('complete');
    expect(await gateway.exited).toBe(0);
    daakey.controls.setLatency({ route: '*', ms: 0 });
    // The write reached the provider exactly once.
    const posts = daakey.controls.requestLog().filter((line) => line.startsWith('POST'));
    expect(posts).toHaveLength(1);
  });

  it('refuses new connections while it drains', async () => {
    resetAll(sims);
    const gateway = await gatewayOver();
    const daakey = sims.find((s) => s.key === 'daakey')!;
    daakey.controls.setLatency({ route: '*', ms: 1_500 });
    const slow = postGraphQL(
      gateway.url,
      '{ tickets(first: 1, filter: { providers: ["daakey"] }) { edges { node { id } } } }',
    );
    while (daakey.controls.requests() === 0) await new Promise((r) => setTimeout(r, 10));
    gateway.child.kill('SIGTERM');
    await eventually(() => gateway.output().includes('Shutting down'), 5_000, 'the shutdown to begin');
    // While the slow request is still in flight, a new connection is refused.
    await eventually(
      () =>
        fetch(gateway.url, { method: 'POST', body: '{}' }).then(
          () => false,
          () => true,
        ),
      1_000,
      'new connections to be refused',
    );
    expect((await slow).errors).toBeUndefined();
    expect(await gateway.exited).toBe(0);
    daakey.controls.setLatency({ route: '*', ms: 0 });
  });
});
