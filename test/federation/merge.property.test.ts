import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/federation/loaders.js';
import { listTickets } from '../../src/federation/list.js';
import { compareTickets } from '../../src/federation/order.js';
import { matchesFilter, type Ticket, type TicketFilter } from '../../src/providers/model.js';
import { provider, ticketsArb } from './support.js';

/**
 * The merge and cursor logic on its own, where the HTTP property test cannot reach: many
 * tickets sharing a `createdAt` across upstream page boundaries, in any upstream tie order,
 * with any page size. The providers here are in-memory stand-ins; the HTTP paths are covered
 * by test/gateway/pagination.property.test.ts.
 */
describe('federated merge with ties across page boundaries (property)', () => {
  it('walks every ticket once, in order, for any page sizes, first and status filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        ticketsArb('alpha'),
        ticketsArb('beta'),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        fc.option(fc.constantFrom<TicketFilter>({ status: ['OPEN'] }, { status: ['CLOSED'] }), {
          nil: undefined,
        }),
        async (alpha, beta, sizeA, sizeB, first, filter = {}) => {
          const providers = new Map([
            ['alpha', provider('alpha', alpha, sizeA)],
            ['beta', provider('beta', beta, sizeB)],
          ]);
          const expected = [...alpha, ...beta].filter((t) => matchesFilter(t, filter)).sort(compareTickets);
          const seen: Ticket[] = [];
          let after: string | null = null;
          for (let i = 0; i < 200; i += 1) {
            // A new request (fresh loaders) for every page, as over HTTP.
            const page = await listTickets(providers, createLoaders(providers), { first, after, filter });
            seen.push(...page.edges.map((e) => e.node));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(seen.map((t) => `${t.providerKey}:${t.remoteId}`)).toEqual(
            expected.map((t) => `${t.providerKey}:${t.remoteId}`),
          );
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('never skips or repeats when the upstream page size changes between requests (a restart with new config)', async () => {
    await fc.assert(
      fc.asyncProperty(
        ticketsArb('alpha'),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        async (alpha, sizes, first) => {
          const expected = [...alpha].sort(compareTickets);
          const seen: Ticket[] = [];
          let after: string | null = null;
          for (let i = 0; i < 200; i += 1) {
            const providers = new Map([['alpha', provider('alpha', alpha, sizes[i % sizes.length]!)]]);
            const page = await listTickets(providers, createLoaders(providers), { first, after, filter: {} });
            seen.push(...page.edges.map((e) => e.node));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(seen.map((t) => t.remoteId)).toEqual(expected.map((t) => t.remoteId));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('never skips when tickets already shown leave the upstream list between requests (resolved while walking OPEN)', async () => {
    await fc.assert(
      fc.asyncProperty(
        ticketsArb('alpha'),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (alpha, size, first, picks) => {
          const upstream = [...alpha];
          const expected = [...alpha].sort(compareTickets).map((t) => t.remoteId);
          const seen: Ticket[] = [];
          let after: string | null = null;
          for (let i = 0; i < 200; i += 1) {
            const providers = new Map([['alpha', provider('alpha', upstream, size)]]);
            const page = await listTickets(providers, createLoaders(providers), { first, after, filter: {} });
            seen.push(...page.edges.map((e) => e.node));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
            // One ticket the client has already seen leaves the upstream's (filtered) list.
            const gone = seen[(picks[i] ?? 0) % seen.length]!;
            const at = upstream.indexOf(gone);
            if (at >= 0) upstream.splice(at, 1);
          }
          expect(seen.map((t) => t.remoteId)).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
