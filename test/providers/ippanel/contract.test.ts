import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { NOW, TOKEN, call, listAll, startIppanel, type Item, type Shown } from './helpers.js';

/** The list item's keys, in the docs' order. */
const ITEM_KEYS = [
  'id',
  'ticket_id',
  'user_id',
  'parent_id',
  'category_id',
  'sub_category_id',
  'importance',
  'state_id',
  'subject',
  'desc',
  'manager_comment',
  'close_desc',
  'admin_seen',
  'user_seen',
  'sms_notification',
  'interaction_count',
  'longest_interaction',
  'min_rate',
  'deleted_at',
  'created_at',
  'updated_at',
  'jira_id',
  'rate',
  'rate_comment',
  'user',
  'category',
  'sub_category',
  'state',
  'forward',
];
const META_KEYS = [
  'current_page',
  'from',
  'last_page',
  'per_page',
  'to',
  'total',
  'status',
  'message',
  'message_code',
];
const FORWARD_KEYS = ['id', 'from', 'ticket_id', 'to', 'created_at', 'updated_at', 'deleted_at', 'seen'];
const INTERACTION_KEYS = [
  'id',
  'description',
  'agent_id',
  'agent_username',
  'created_at',
  'attachment',
  'private',
  'username',
];
const LIST_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const SHOW_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const PERSIAN = /[\u0600-\u06FF]/;
const AUTH_BODY = {
  data: null,
  meta: {
    status: false,
    message: 'اطلاعات وارد شده صحیح نمی باشد',
    message_parameters: [],
    message_code: '400-1',
    errors: {},
  },
};

let sim: RunningSimulator;
let all: Item[];

beforeAll(async () => {
  sim = await startIppanel();
  all = await listAll(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.controls.reset());

describe('GET /api/ticket (the docs example)', () => {
  it('answers the documented request with the documented envelope and item shape', async () => {
    const { status, body } = await call<Item[]>(sim, '/api/ticket?page=1&per_page=10', {
      headers: { 'Content-Type': 'application/json', Authorization: TOKEN },
    });
    expect(status).toBe(200);
    expect(Object.keys(body.meta)).toEqual(META_KEYS);
    expect(body.meta).toMatchObject({
      current_page: 1,
      from: 1,
      to: 10,
      per_page: 10,
      total: 40,
      last_page: 4,
    });
    expect(body.meta).toMatchObject({ status: true, message: 'Success', message_code: '200-1' });
    expect(body.data).toHaveLength(10);
    for (const item of body.data) {
      expect(Object.keys(item)).toEqual(ITEM_KEYS);
      expect(item.ticket_id).toBe(item.id);
      expect(item.created_at).toMatch(LIST_DATE);
      expect(item.updated_at).toMatch(LIST_DATE);
      expect(Object.keys(item.user ?? {})).toEqual(['user_id', 'uname']);
      expect(item.user?.user_id).toBe(item.user_id);
      expect(Object.keys(item.category ?? {})).toEqual(['id', 'name']);
      expect(item.category?.id).toBe(item.category_id);
      expect(Object.keys(item.sub_category ?? {})).toEqual(['id', 'title']);
      expect(item.state).toEqual({ id: item.state_id, name: expect.any(String) });
      if (item.forward) expect(Object.keys(item.forward)).toEqual(FORWARD_KEYS);
      expect(['low', 'normal', 'acute']).toContain(item.importance);
    }
  });

  it('uses the docs category and state names', () => {
    const byCategory = new Map(all.map((t) => [t.category_id, t.category?.name]));
    expect(byCategory.get(10)).toBe('Plugins, Domains, API');
    expect(byCategory.get(11)).toBe('System Questions');
    expect(all.find((t) => t.state_id === 3)?.state?.name).toBe('replied');
  });

  it('defaults to page 1 and 10 per page', async () => {
    const { body } = await call<Item[]>(sim, '/api/ticket');
    expect(body.meta).toMatchObject({ current_page: 1, per_page: 10, from: 1, to: 10 });
    expect(body.data.map((t) => t.id)).toEqual(all.slice(0, 10).map((t) => t.id));
  });

  it('orders newest first: id descending, which is also created_at descending', () => {
    const ids = all.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const times = all.map((t) => Date.parse(t.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThan(NOW - 7 * 7 * 24 * 3600_000);
  });

  it('paginates like Laravel: every ticket once, meta per page, an empty page past the end', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 6; page += 1) {
      const { body } = await call<Item[]>(sim, `/api/ticket?page=${page}&per_page=7`);
      expect(body.meta).toMatchObject({ current_page: page, per_page: 7, last_page: 6, total: 40 });
      expect(body.meta.from).toBe((page - 1) * 7 + 1);
      expect(body.meta.to).toBe(Math.min(40, page * 7));
      seen.push(...body.data.map((t) => t.id));
    }
    expect(seen).toEqual(all.map((t) => t.id));
    const past = await call<Item[]>(sim, '/api/ticket?page=7&per_page=7');
    expect(past.body.data).toEqual([]);
    expect(past.body.meta).toMatchObject({ current_page: 7, from: null, to: null, last_page: 6, total: 40 });
  });

  it('accepts per_page up to 1000 and refuses more with 400-2', async () => {
    expect((await call<Item[]>(sim, '/api/ticket?per_page=1000')).body.data).toHaveLength(40);
    const over = await call(sim, '/api/ticket?per_page=1001');
    expect(over.status).toBe(422);
    expect(over.body.meta.message_code).toBe('400-2');
    expect(over.body.meta.errors?.['per_page']?.[0]).toMatch(PERSIAN);
  });

  const filters: Array<[string, (t: Item) => string]> = [
    ['username', (t) => String(t.user?.uname)],
    ['ticket_id', (t) => String(t.id)],
    ['category_id', (t) => String(t.category_id)],
    ['sub_category_id', (t) => String(t.sub_category_id)],
    ['state_id', (t) => String(t.state_id)],
  ];
  it.each(filters)('filters by %s, with total and pagination over the matches', async (name, value) => {
    const wanted = value(all[3] as Item);
    const expected = all.filter((t) => value(t) === wanted).map((t) => t.id);
    const { status, body } = await call<Item[]>(sim, `/api/ticket?per_page=1000&${name}=${wanted}`);
    expect(status).toBe(200);
    expect(body.data.map((t) => t.id)).toEqual(expected);
    expect(body.meta.total).toBe(expected.length);
    expect(expected.length).toBeLessThan(all.length);
  });

  it('combines filters with AND', async () => {
    const t = all[5] as Item;
    const q = `state_id=${t.state_id}&category_id=${t.category_id}&username=${t.user?.uname}`;
    const { body } = await call<Item[]>(sim, `/api/ticket?per_page=1000&${q}`);
    const expected = all.filter(
      (x) => x.state_id === t.state_id && x.category_id === t.category_id && x.user?.uname === t.user?.uname,
    );
    expect(body.data.map((x) => x.id)).toEqual(expected.map((x) => x.id));
  });

  it.each(['page', 'per_page', ...filters.map(([n]) => n)])(
    'refuses an empty %s with 422 400-2',
    async (name) => {
      const { status, body } = await call(sim, `/api/ticket?${name}=`);
      expect(status).toBe(422);
      expect(body.data).toBeNull();
      expect(body.meta).toMatchObject({ status: false, message_code: '400-2', message_parameters: [] });
      expect(Object.keys(body.meta.errors ?? {})).toEqual([name]);
      expect(body.meta.errors?.[name]?.[0]).toMatch(PERSIAN);
      expect(body.meta.message).toBe(body.meta.errors?.[name]?.[0]);
    },
  );

  it.each(['page', 'per_page', 'ticket_id', 'category_id', 'sub_category_id', 'state_id'])(
    'refuses a non-integer %s with 422 400-2',
    async (name) => {
      const { status, body } = await call(sim, `/api/ticket?${name}=abc`);
      expect(status).toBe(422);
      expect(body.meta.message_code).toBe('400-2');
      expect(body.meta.errors?.[name]?.[0]).toMatch(PERSIAN);
    },
  );

  it('refuses an unknown state_id and a page below 1, reporting every bad field', async () => {
    const { status, body } = await call(sim, '/api/ticket?state_id=9&page=0&username=');
    expect(status).toBe(422);
    expect(Object.keys(body.meta.errors ?? {}).sort()).toEqual(['page', 'state_id', 'username']);
  });
});

describe('GET /api/ticket/show', () => {
  it('shows a ticket with string category/state, description, zone-less dates and interactions', async () => {
    const withReplies = all.find((t) => (t.interaction_count ?? 0) >= 3) as Item;
    const { status, body } = await call<Shown>(sim, `/api/ticket/show?ticket_id=${withReplies.id}`);
    expect(status).toBe(200);
    expect(body.meta).toEqual({ status: true, message: 'Success', message_code: '200-1' });
    const t = body.data;
    expect(t).toMatchObject({
      id: withReplies.id,
      subject: withReplies.subject,
      description: withReplies.desc,
    });
    expect(t.category).toBe(withReplies.category?.name);
    expect(t.state).toBe(withReplies.state?.name);
    expect(t).not.toHaveProperty('desc');
    expect(t.created_at).toMatch(SHOW_DATE);
    expect(Date.parse(`${t.created_at.replace(' ', 'T')}Z`)).toBe(Date.parse(withReplies.created_at));
    expect(t.attachment === null || /^https:\/\/.+\.(png|jpg|zip)$/.test(String(t.attachment))).toBe(true);
    expect(t.interactions).toHaveLength(withReplies.interaction_count ?? -1);
    for (const i of t.interactions ?? []) {
      expect(Object.keys(i)).toEqual(INTERACTION_KEYS);
      expect(i.created_at).toMatch(SHOW_DATE);
      expect(i.agent_id === null).toBe(i.agent_username === null);
    }
  });

  it('answers 404 in the IPPanel envelope for an unknown ticket', async () => {
    const { status, body } = await call(sim, '/api/ticket/show?ticket_id=999');
    expect(status).toBe(404);
    expect(body).toEqual({
      data: null,
      meta: {
        status: false,
        message: 'تیکت مورد نظر یافت نشد',
        message_parameters: [],
        message_code: '404-1',
        errors: {},
      },
    });
  });

  it.each(['', '?ticket_id=', '?ticket_id=abc'])('refuses show%s with 422 400-2', async (query) => {
    const { status, body } = await call(sim, `/api/ticket/show${query}`);
    expect(status).toBe(422);
    expect(body.meta.message_code).toBe('400-2');
    expect(body.meta.errors?.['ticket_id']?.[0]).toMatch(PERSIAN);
  });
});

describe('authentication', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['missing', {}],
    ['wrong', { authorization: 'not-the-token' }],
    ['a Bearer-prefixed', { authorization: `Bearer ${TOKEN}` }],
  ];
  it.each(cases)('answers the documented 401 body for a %s token on every route', async (_name, headers) => {
    for (const [method, path] of [
      ['GET', '/api/ticket?page=1&per_page=10'],
      ['GET', '/api/ticket/show?ticket_id=100001'],
      ['POST', '/api/ticket/interaction'],
      ['POST', '/api/ticket'],
    ] as const) {
      const { status, body } = await call(sim, path, { method, headers });
      expect(status).toBe(401);
      expect(body).toEqual(AUTH_BODY);
    }
  });

  it('accepts the credentials the simulator was configured with', async () => {
    const custom = await startIppanel({ credentials: { token: 'secret-1' } });
    try {
      expect((await call(custom, '/api/ticket', { headers: { authorization: 'secret-1' } })).status).toBe(
        200,
      );
      expect((await call(custom, '/api/ticket')).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('unknown routes', () => {
  it('answers 404 in the envelope for an unknown path and 405 for a known path with another method', async () => {
    const missing = await call(sim, '/api/tickets');
    expect(missing.status).toBe(404);
    expect(missing.body.meta).toMatchObject({ status: false, message_code: '404-2' });
    const wrongMethod = await call(sim, '/api/ticket/show?ticket_id=100001', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.meta.status).toBe(false);
  });
});
