import { describe, expect, it } from 'vitest';
import { KNOWN_CATEGORIES, mergeCategories } from '../../../src/providers/kinconecta/categories.js';
import { TEMPLATES } from '../../../src/simulators/kinconecta/content.js';
import { LIST, useSimulator } from './harness.js';
import { DOCS_CREATE, postJson } from './helpers.js';

const h = useSimulator();

/** Creates a ticket upstream, as another Kinconecta client would. */
async function createUpstream(category: string): Promise<void> {
  const res = await postJson(h.sim().baseUrl, '/api/support-tickets', { ...DOCS_CREATE, category });
  expect(res.status).toBe(201);
}

describe('the known categories', () => {
  it("hold the docs' examples and every category of the simulator's demo tickets", () => {
    expect(KNOWN_CATEGORIES.slice(0, 3)).toEqual(['Technical Issue', 'Billing', 'General Inquiry']);
    for (const template of TEMPLATES) expect(KNOWN_CATEGORIES).toContain(template.category);
  });

  it('merge with seen ones: known first, new ones once, blanks skipped, names kept exactly', () => {
    const merged = mergeCategories(['Billing', 'Accesibilidad', null, '  ', 'billing', 'Accesibilidad']);
    expect(merged.map((c) => c.name)).toEqual([...KNOWN_CATEGORIES, 'Accesibilidad', 'billing']);
    for (const c of merged) expect(c.id).toBe(c.name);
  });
});

describe('categories()', () => {
  it('answers the known ones plus those seen on the list, id = the name Kinconecta takes', async () => {
    await createUpstream('Accesibilidad');
    const categories = await h.provider().categories();
    expect(categories.slice(0, KNOWN_CATEGORIES.length).map((c) => c.id)).toEqual(KNOWN_CATEGORIES);
    expect(categories.at(-1)).toEqual({ id: 'Accesibilidad', name: 'Accesibilidad' });
    expect(categories).toHaveLength(KNOWN_CATEGORIES.length + 1);
    expect(h.sim().controls.requests(LIST)).toBe(1);
  });

  it('reads the list once and caches the answer', async () => {
    const p = h.provider();
    const first = await p.categories();
    await createUpstream('Transporte');
    expect(await p.categories()).toEqual(first);
    expect(h.sim().controls.requests(LIST)).toBe(1);
  });

  it('answers the known ones when the list fails, and reads the list again next time', async () => {
    await createUpstream('Transporte');
    h.sim().controls.addFault({ route: LIST, kind: 'status', status: 503, times: 1 });
    const p = h.provider();
    expect((await p.categories()).map((c) => c.id)).toEqual(KNOWN_CATEGORIES);
    expect((await p.categories()).map((c) => c.id)).toContain('Transporte');
    expect(await p.categories()).toHaveLength(KNOWN_CATEGORIES.length + 1);
    expect(h.sim().controls.requests(LIST)).toBe(2);
  });

  it('a created ticket may use any of them', async () => {
    const p = h.provider();
    const [category] = (await p.categories()).slice(-1);
    const ticket = await p.writes.createTicket({
      subject: 'Payout missing',
      body: 'My payout did not arrive.',
      category: category ?? null,
      priority: null,
      requester: { name: 'Lucía Torres', email: 'lucia.torres@example.com' },
      attachmentUrls: [],
      files: [],
    });
    expect(ticket.category).toBe(category?.id);
  });
});
