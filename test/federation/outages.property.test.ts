import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/federation/loaders.js';
import { listTickets, type TicketConnectionShape } from '../../src/federation/list.js';
import { compareTickets } from '../../src/federation/order.js';
import { matchesFilter, type Ticket, type TicketFilter } from '../../src/providers/model.js';
import { keyOf, provider, ticketsArb } from './support.js';

/**
 * Walking the federated list while providers fail and recover, request by request: down for
 * the whole request, or failing from some upstream page on (mid-page, mid-tie-group). Once
 * the outages are over, the walk must have delivered every ticket exactly once.
 */
const KEYS = ['alpha', 'beta', 'gamma'] as const;
type Key = (typeof KEYS)[number];
/** `0`: healthy; `n > 0`: upstream pages from `n` on fail. `1` is down for the whole request. */
type Fault = number;

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.constant(1), weight: 2 },
  { arbitrary: fc.integer({ min: 2, max: 5 }), weight: 2 },
);
const scheduleArb = fc.array(fc.record({ alpha: faultArb, beta: faultArb, gamma: faultArb }), {
  maxLength: 15,
});

/** Checks one page against what the providers did during its request. */
function checkPage(page: TicketConnectionShape, failedNow: ReadonlySet<string>): void {
  const nodes = page.edges.map((e) => e.node);
  for (let i = 1; i < nodes.length; i += 1) expect(compareTickets(nodes[i - 1]!, nodes[i]!)).toBeLessThan(0);
  // Missing exactly when an upstream call of the provider failed in this request.
  expect(page.missingProviders).toEqual([...failedNow].sort());
  expect(page.failures.map((f) => f.provider).sort()).toEqual(page.missingProviders);
  if (failedNow.size > 0) {
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.endCursor).not.toBeNull();
  }
}

describe('walking the federated list through outages (property)', () => {
  it('delivers every ticket exactly once, each page in order, each provider in order, once all providers recover', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(ticketsArb('alpha'), ticketsArb('beta'), ticketsArb('gamma')),
        fc.tuple(
          fc.integer({ min: 1, max: 7 }),
          fc.integer({ min: 1, max: 7 }),
          fc.integer({ min: 1, max: 7 }),
        ),
        fc.integer({ min: 1, max: 9 }),
        scheduleArb,
        fc.option(fc.constant<TicketFilter>({ status: ['OPEN'] }), { nil: undefined }),
        async (data, sizes, first, schedule, filter = {}) => {
          let request = 0;
          const failedNow = new Set<string>();
          const fails = (key: Key) => (page: number) => {
            const fault = schedule[request]?.[key] ?? 0;
            if (fault > 0 && page >= fault) failedNow.add(key);
            return fault > 0 && page >= fault;
          };
          const providers = new Map(
            KEYS.map((key, i) => [key, provider(key, data[i]!, sizes[i]!, fails(key))] as const),
          );
          const expected = data
            .flat()
            .filter((t) => matchesFilter(t, filter))
            .sort(compareTickets);
          const seen: Ticket[] = [];
          let after: string | null = null;
          for (; request < 300 + schedule.length; request += 1) {
            failedNow.clear();
            const page = await listTickets(providers, createLoaders(providers), { first, after, filter });
            checkPage(page, failedNow);
            seen.push(...page.edges.map((e) => e.node));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          // The walk ended (a page with a missing provider has `hasNextPage`): every ticket
          // once, each provider's in order.
          expect(request).toBeLessThan(300 + schedule.length);
          expect(new Set(seen.map(keyOf)).size).toBe(seen.length);
          expect([...seen].sort(compareTickets).map(keyOf)).toEqual(expected.map(keyOf));
          for (const key of KEYS) {
            const mine = (list: Ticket[]) => list.filter((t) => t.providerKey === key).map(keyOf);
            expect(mine(seen)).toEqual(mine(expected));
          }
        },
      ),
      { numRuns: 400, seed: 20260311 },
    );
  });

  it('answers the same walk as without outages when no provider fails', async () => {
    // The control: with an empty schedule the walk is the plain merge, page for page.
    await fc.assert(
      fc.asyncProperty(
        ticketsArb('alpha'),
        ticketsArb('beta'),
        fc.integer({ min: 1, max: 9 }),
        async (a, b, first) => {
          const providers = new Map([
            ['alpha', provider('alpha', a, 3)],
            ['beta', provider('beta', b, 5)],
          ]);
          const seen: string[] = [];
          let after: string | null = null;
          for (let i = 0; i < 200; i += 1) {
            const page = await listTickets(providers, createLoaders(providers), { first, after, filter: {} });
            expect(page.missingProviders).toEqual([]);
            seen.push(...page.edges.map((e) => keyOf(e.node)));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(seen).toEqual([...a, ...b].sort(compareTickets).map(keyOf));
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });
});
