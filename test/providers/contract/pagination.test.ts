import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import { SIZE, useKinds } from './harness.js';
import { KINDS } from './kinds.js';

/*
 * Walking a kind's list page by page delivers each of its tickets once, newest first, and asks
 * the upstream for each page once. Expectations come from the seeded data (SIZE tickets) and the
 * simulator's request log, not from the provider's own arithmetic.
 */

const kinds = useKinds();

/** Small enough for several pages wherever the kind pages at all. */
const PAGE_SIZE = 7;

describe.each(KINDS)('$kind pagination', ({ kind, list }) => {
  beforeEach(() => kinds.reset(kind));

  it('walks every ticket once, newest first, each page asked for once', async () => {
    const p = kinds.provider(kind, { pageSize: PAGE_SIZE });
    const walked: Ticket[] = [];
    let pages = 0;
    for (let page = 1; page <= SIZE + 1; page += 1) {
      const result = await p.listTickets({ filter: {}, page });
      pages += 1;
      walked.push(...result.tickets);
      if (!result.hasMore) break;
    }
    expect(new Set(walked.map((t) => t.remoteId)).size).toBe(walked.length);
    expect(walked).toHaveLength(SIZE);
    const times = walked.map((t) => t.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const asked = kinds.sim(kind).controls.requestLog();
    expect(asked).toHaveLength(pages);
    expect(new Set(asked).size).toBe(pages);
    expect(kinds.sim(kind).controls.requests(list)).toBe(pages);
  });

  it('a page past the end is empty and has nothing after it', async () => {
    const p = kinds.provider(kind, { pageSize: PAGE_SIZE });
    const past = await p.listTickets({ filter: {}, page: SIZE + 1 });
    expect(past).toMatchObject({ tickets: [], hasMore: false });
  });
});
