import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkFilter, providerFilter, upstreamPageSize } from '../../src/federation/checks.js';
import { createLoaders } from '../../src/federation/loaders.js';
import { listTickets } from '../../src/federation/list.js';
import type { Ticket, TicketFilter } from '../../src/providers/model.js';
import type { ListPageQuery, TicketProvider } from '../../src/providers/provider.js';
import { PROVIDER_KINDS, createProviders } from '../../src/providers/registry.js';
import { provider } from './support.js';

/*
 * The checks every provider used to repeat, made once by the gateway: which providers a filter
 * selects, an empty creation range, and the upstream page size.
 */

const DAY = 86_400_000;
const at = (days: number): Date => new Date(Date.UTC(2026, 0, 1) + days * DAY);

function ticket(key: string, remoteId: string, days: number): Ticket {
  return {
    providerKey: key,
    remoteId,
    reference: null,
    subject: `ticket ${remoteId}`,
    status: 'OPEN',
    remoteStatus: 'open',
    priority: null,
    remotePriority: null,
    createdAt: at(days),
    raw: {},
  };
}

/** An in-memory provider that records the queries it was asked. */
function recording(key: string, tickets: Ticket[]): { provider: TicketProvider; queries: ListPageQuery[] } {
  const queries: ListPageQuery[] = [];
  const inner = provider(key, tickets, 10);
  const listTickets = (query: ListPageQuery) => {
    queries.push(query);
    return inner.listTickets(query);
  };
  return { provider: { ...inner, listTickets }, queries };
}

describe('checkFilter', () => {
  it('refuses an empty creation range, before any provider is asked', () => {
    for (const [after, before] of [
      [at(2), at(1)],
      [at(1), at(1)],
    ] as const) {
      expect(() => checkFilter({ createdAfter: after, createdBefore: before })).toThrow(InputError);
    }
    expect(() => checkFilter({ createdAfter: at(1), createdBefore: at(2) })).not.toThrow();
    expect(() => checkFilter({ createdAfter: at(1) })).not.toThrow();
    expect(() => checkFilter({})).not.toThrow();
  });
});

describe('providerFilter', () => {
  it('takes the provider selection out and keeps the rest', () => {
    const filter: TicketFilter = { providers: ['alpha'], status: ['OPEN'], search: 'x', createdAfter: at(1) };
    expect(providerFilter(filter)).toEqual({
      providers: null,
      status: ['OPEN'],
      search: 'x',
      createdAfter: at(1),
    });
    expect(filter.providers).toEqual(['alpha']);
  });
});

describe('the federated list applies them once for every provider', () => {
  it('asks only the selected providers, never with `providers` set', async () => {
    const alpha = recording('alpha', [ticket('alpha', '1', 3)]);
    const beta = recording('beta', [ticket('beta', '1', 2)]);
    const providers = new Map([
      ['alpha', alpha.provider],
      ['beta', beta.provider],
    ]);
    const filter: TicketFilter = { providers: ['alpha'], status: ['OPEN'] };
    const page = await listTickets(providers, createLoaders(providers), { first: 5, after: null, filter });
    expect(page.edges.map((e) => e.node.providerKey)).toEqual(['alpha']);
    expect(await page.totalCount()).toBe(1);
    expect(beta.queries).toEqual([]);
    expect(alpha.queries.length).toBeGreaterThan(0);
    for (const query of alpha.queries) expect(query.filter).toEqual({ providers: null, status: ['OPEN'] });
  });

  it('answers an empty range with an InputError and no provider call', async () => {
    const alpha = recording('alpha', [ticket('alpha', '1', 3)]);
    const providers = new Map([['alpha', alpha.provider]]);
    const filter: TicketFilter = { createdAfter: at(5), createdBefore: at(5) };
    await expect(
      listTickets(providers, createLoaders(providers), { first: 5, after: null, filter }),
    ).rejects.toThrow('`createdAfter` must be before `createdBefore`.');
    expect(alpha.queries).toEqual([]);
  });
});

describe('upstreamPageSize', () => {
  const kind = { defaultPageSize: 50, maxPageSize: 100 };

  it("is the configured size, or the kind's default", () => {
    expect(upstreamPageSize(kind, 20)).toBe(20);
    expect(upstreamPageSize(kind, undefined)).toBe(50);
  });

  it("is a whole number within 1 and the kind's maximum", () => {
    expect(upstreamPageSize(kind, 500)).toBe(100);
    expect(upstreamPageSize(kind, 0)).toBe(1);
    expect(upstreamPageSize(kind, -3)).toBe(1);
    expect(upstreamPageSize(kind, 12.7)).toBe(12);
    expect(upstreamPageSize(kind, Number.NaN)).toBe(50);
  });

  it('is applied once, when the registry builds the instances', async () => {
    const base = { credentials: { secretKey: 'k' }, timeoutMs: 1_000, maxResponseBytes: 1_000_000 };
    const instances = createProviders([
      { ...base, key: 'big', kind: 'taskip', name: 'big', baseUrl: 'http://127.0.0.1:9', pageSize: 500 },
      { ...base, key: 'plain', kind: 'taskip', name: 'plain', baseUrl: 'http://127.0.0.1:9' },
    ]);
    const taskip = PROVIDER_KINDS.get('taskip')!;
    expect(instances.get('big')!.pageSize).toBe(taskip.maxPageSize);
    expect(instances.get('plain')!.pageSize).toBe(taskip.defaultPageSize);
    await Promise.all([...instances.values()].map((p) => p.close()));
  });

  it('refuses a kind nobody registered', () => {
    const config = {
      key: 'z',
      kind: 'zendesk',
      name: 'z',
      baseUrl: 'http://x',
      credentials: {},
      timeoutMs: 1,
      maxResponseBytes: 1,
    };
    expect(() => createProviders([config])).toThrow('unknown provider kind "zendesk"');
  });
});
