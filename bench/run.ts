/**
 * `npm run bench`: figures for the federated list, nested reads and live fan-out, measured
 * over real HTTP against the simulators. Machines here are shared and noisy, so each figure
 * is compared with a baseline measured in the same run (a ratio), never with a fixed time.
 */
import { simulatorInstances, startSimulators, type SimulatorOptions } from '../src/demo/simulators.js';
import { createProviders } from '../src/providers/registry.js';
import { startGateway } from '../src/server.js';
import { postGraphQL, type GraphQLResponse } from '../test/support/gateway.js';
import { collect, desk, wsClient } from '../test/support/live.js';

const SIZE = Number(process.env['BENCH_SIZE'] ?? 400);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 20);

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeRounds(rounds: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    times.push(ms(start));
  }
  return median(times);
}

async function main(): Promise<void> {
  const simulators = await startSimulators({ seed: 3, size: SIZE, rateLimit: false } as SimulatorOptions);
  const providers = createProviders(simulatorInstances(simulators));
  const gateway = await startGateway({ providers, port: 0, pollIntervalMs: 200 });
  const requests = (): number => simulators.reduce((n, s) => n + s.controls.requests(), 0);
  console.log(`ticket-gateway bench: ${SIZE} tickets per provider, ${ROUNDS} rounds, medians`);

  // 1. The federated first page against the same upstream pages fetched directly (the floor).
  const direct = await timeRounds(ROUNDS, () =>
    Promise.all([...providers.values()].map((p) => p.listTickets({ filter: {}, page: 1 }))),
  );
  for (const [label, query] of [
    [
      'first page of 50 (list fields)',
      '{ tickets(first: 50) { edges { node { id subject status createdAt } } } }',
    ],
    [
      'same, with totalCount',
      '{ tickets(first: 50) { totalCount edges { node { id subject status createdAt } } } }',
    ],
  ] as const) {
    const before = requests();
    const page = await timeRounds(ROUNDS, () => postGraphQL(gateway.url, query));
    const perQuery = (requests() - before) / ROUNDS;
    console.log(
      `${label.padEnd(34)} ${page.toFixed(1)} ms vs ${direct.toFixed(1)} ms for the raw first pages: x${(page / direct).toFixed(2)}, ${perQuery.toFixed(1)} upstream requests per query`,
    );
  }

  // 2. A walk over every page with first=100.
  let walked = 0;
  const walkStart = process.hrtime.bigint();
  const walkBefore = requests();
  for (let after: string | null = null, more = true; more;) {
    const res: GraphQLResponse<{
      tickets: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] };
    }> = await postGraphQL(
      gateway.url,
      'query($a: String) { tickets(first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { cursor } } }',
      { a: after },
    );
    walked += res.data!.tickets.edges.length;
    more = res.data!.tickets.pageInfo.hasNextPage;
    after = res.data!.tickets.pageInfo.endCursor;
  }
  console.log(
    `walk all ${walked} tickets (first: 100):   ${ms(walkStart).toFixed(0)} ms, ${requests() - walkBefore} upstream requests`,
  );

  // 3. Nested details: 20 tickets with messages and attachments.
  const nestedBefore = requests();
  const nested = await timeRounds(5, () =>
    postGraphQL(
      gateway.url,
      '{ tickets(first: 20) { edges { node { description messages { totalCount edges { node { body } } } attachments { url } } } } }',
    ),
  );
  console.log(
    `20 tickets with messages:          ${nested.toFixed(1)} ms, ${((requests() - nestedBefore) / 5).toFixed(1)} upstream requests per query (at most 20 details + list pages)`,
  );

  // 4. Memory across many requests: heap growth per 1000 queries (should stay flat).
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 300; i += 1)
    await postGraphQL(gateway.url, '{ tickets(first: 20) { edges { node { id subject } } } }');
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `heap after 300 list queries:       ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB growth${global.gc ? '' : ' (run with --expose-gc for a cleaner figure)'}`,
  );

  // 5. Live fan-out: one agent reply to 200 WebSocket subscribers.
  const client = wsClient(gateway.wsUrl);
  const subs = Array.from({ length: 200 }, () =>
    collect(client, 'subscription { messageAdded(providers: ["ippanel"]) { message { id } } }'),
  );
  await new Promise((r) => setTimeout(r, 1_000));
  const ticketId = simulators.find((s) => s.key === 'ippanel')!.definition.desk!.openTickets()[0]!;
  const fanStart = process.hrtime.bigint();
  await desk(simulators.find((s) => s.key === 'ippanel')!.origin, 'reply', { ticketId, body: 'bench' });
  await Promise.all(subs.map((s) => s.waitFor(1, 10_000)));
  console.log(
    `agent reply to 200 subscribers:    ${ms(fanStart).toFixed(0)} ms (poll interval 200 ms included)`,
  );
  subs.forEach((s) => s.stop());
  await client.dispose();

  await gateway.close();
  await Promise.all([...providers.values()].map((p) => p.close()));
  await Promise.all(simulators.map((s) => s.close()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
