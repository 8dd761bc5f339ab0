import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { TOPICS } from '../../../src/simulators/taskip/content.js';
import {
  BASE,
  NOW,
  UNAUTHORIZED,
  call,
  detail,
  itemTime,
  list,
  listAll,
  start,
  type Item,
} from './helpers.js';

const ITEM_KEYS = [
  'attachment',
  'createAt',
  'created_by',
  'date',
  'description',
  'id',
  'priority',
  'status',
  'subject',
  'time',
  'user',
  'uuid',
].sort();
const VALIDATION = {
  success: false,
  error: 'Validation Error',
  message: 'The given data was invalid',
  status_code: 422,
};

let sim: RunningSimulator;
let all: Item[];

beforeAll(async () => {
  sim = await start({ size: 60 });
  all = await listAll(sim);
});
afterAll(() => sim.close());

describe('auth', () => {
  it.each([
    ['GET', BASE],
    ['GET', `${BASE}/1`],
    ['POST', BASE],
    ['POST', `${BASE}/bulk-actions`],
    ['DELETE', `${BASE}/1`],
  ])('%s %s answers TaskIP 401 body without and with a wrong key', async (method, path) => {
    for (const key of [null, 'wrong-key', '']) {
      const res = await call(sim, path, {
        method,
        key,
        json: method === 'GET' ? undefined : { subject: 'x' },
      });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    }
    // Nothing was deleted or created by the refused calls.
    expect((await detail(sim, 1)).id).toBe(1);
  });
});

describe('GET /support-ticket', () => {
  it('answers {data, status:200} with no pagination meta and items in the documented shape', async () => {
    const res = await call(sim, BASE);
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['data', 'status']);
    expect(body['status']).toBe(200);
    const items = body['data'] as Item[];
    expect(items).toHaveLength(50); // default limit
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      expect(item.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Object.keys(item.user).sort()).toEqual(['email', 'id', 'name']);
      expect(Object.keys(item.created_by).sort()).toEqual(['email', 'id', 'name']);
      expect(item.date).toMatch(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/);
      expect(item.time).toMatch(/^(0[1-9]|1[0-2]):[0-5]\d(AM|PM)$/);
      if (item.attachment) expect(Object.keys(item.attachment).sort()).toEqual(['id', 'name', 'size', 'url']);
    }
  });

  it('sorts by created_at desc by default, ties by id desc', async () => {
    for (let i = 1; i < all.length; i += 1) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(itemTime(a) > itemTime(b) || (itemTime(a) === itemTime(b) && a.id > b.id)).toBe(true);
    }
    expect(all).toHaveLength(60);
  });

  it('computes createAt against the simulator clock', async () => {
    for (const item of all) {
      const minutes = Math.floor((NOW - itemTime(item)) / 60_000);
      const days = Math.floor(minutes / 1440);
      let expected: string;
      if (minutes < 1) expected = 'just now';
      else if (minutes < 60) expected = `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
      else if (minutes < 1440) expected = `${Math.floor(minutes / 60)} hour${minutes < 120 ? '' : 's'} ago`;
      else if (days < 7) expected = `${days} day${days === 1 ? '' : 's'} ago`;
      else if (days < 30) expected = `${Math.floor(days / 7)} week${days < 14 ? '' : 's'} ago`;
      else expected = `${Math.floor(days / 30)} month${days < 60 ? '' : 's'} ago`;
      expect(item.createAt).toBe(expected);
      expect(itemTime(item)).toBeLessThanOrEqual(NOW);
      expect(itemTime(item)).toBeGreaterThanOrEqual(NOW - 6 * 7 * 86_400_000);
    }
  });

  it('pages with page & limit: no overlap, a short last page, empty beyond', async () => {
    const seen: number[] = [];
    let page = 1;
    for (; ; page += 1) {
      const items = await list(sim, `limit=7&page=${page}`);
      seen.push(...items.map((t) => t.id));
      if (items.length < 7) {
        expect(items).toHaveLength(60 % 7);
        break;
      }
    }
    expect(page).toBe(9);
    expect(seen).toEqual(all.map((t) => t.id));
    expect(await list(sim, 'limit=7&page=10')).toEqual([]);
    expect(await list(sim, 'limit=100')).toHaveLength(60);
  });

  it('answers the docs example request (page=1&limit=20&status=open&priority=high)', async () => {
    const items = await list(sim, 'page=1&limit=20&status=open&priority=high');
    expect(items.length).toBeLessThanOrEqual(20);
    const expected = all.filter((t) => t.status === 0 && t.priority === 3);
    expect(items.map((t) => t.id)).toEqual(expected.slice(0, 20).map((t) => t.id));
  });

  it.each([
    ['open', 0],
    ['in_progress', 1],
    ['resolved', 2],
    ['closed', 3],
  ])('filters status=%s', async (word, code) => {
    const items = await listAll(sim, `status=${word}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((t) => t.id)).toEqual(all.filter((t) => t.status === code).map((t) => t.id));
  });

  it.each([
    ['low', 0],
    ['medium', 2],
    ['high', 3],
    ['urgent', 4],
  ])('filters priority=%s', async (word, code) => {
    const items = await listAll(sim, `priority=${word}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((t) => t.id)).toEqual(all.filter((t) => t.priority === code).map((t) => t.id));
  });

  it('searches subject or description, case-insensitively', async () => {
    const bySubject = await listAll(sim, 'search=LOGIN');
    expect(bySubject.map((t) => t.id)).toEqual(
      all
        .filter((t) => `${t.subject}\n${t.description ?? ''}`.toLowerCase().includes('login'))
        .map((t) => t.id),
    );
    expect(bySubject.length).toBeGreaterThan(0);
    const byDescription = await listAll(sim, `search=${encodeURIComponent('password RESET')}`);
    expect(byDescription.length).toBeGreaterThan(0);
    for (const t of byDescription) expect(t.subject.toLowerCase()).not.toContain('password reset');
    expect(await list(sim, 'search=nothing-matches-this')).toEqual([]);
  });

  it.each([
    ['created_at', (t: Item) => itemTime(t)],
    ['priority', (t: Item) => t.priority],
    ['status', (t: Item) => t.status],
  ])('sorts by %s asc and desc, ties by id', async (field, key) => {
    for (const order of ['asc', 'desc'] as const) {
      const items = await listAll(sim, `sort=${field}&order=${order}`);
      const sign = order === 'asc' ? 1 : -1;
      const expected = [...all].sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
      if (field === 'created_at') expect(items.map(key)).toEqual(expected.map(key));
      else expect(items.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    }
  });

  it('sorts by updated_at (a reply moves a ticket to the front)', async () => {
    const oldest = all.at(-1)!;
    const before = await list(sim, 'sort=updated_at&order=desc&limit=1');
    expect(before[0]?.id).not.toBe(oldest.id);
    const local = await start({ size: 60 });
    try {
      const reply = await call(local, `${BASE}/reply/${oldest.uuid}`, {
        method: 'POST',
        json: { description: 'Bump' },
      });
      expect(reply.status).toBe(201);
      const after = await list(local, 'sort=updated_at&order=desc&limit=1');
      expect(after[0]?.id).toBe(oldest.id);
    } finally {
      await local.close();
    }
  });

  it('filters date_from / date_to as inclusive UTC days', async () => {
    const pivot = all[20]!;
    const day = new Date(itemTime(pivot)).toISOString().slice(0, 10);
    const onDay = await listAll(sim, `date_from=${day}&date_to=${day}`);
    expect(onDay.map((t) => t.id)).toEqual(
      all.filter((t) => new Date(itemTime(t)).toISOString().slice(0, 10) === day).map((t) => t.id),
    );
    expect(onDay.map((t) => t.id)).toContain(pivot.id);
    const from = await listAll(sim, `date_from=${day}`);
    expect(from.map((t) => t.id)).toEqual(
      all.filter((t) => new Date(itemTime(t)).toISOString().slice(0, 10) >= day).map((t) => t.id),
    );
    const to = await listAll(sim, `date_to=${day}`);
    expect(to.map((t) => t.id)).toEqual(
      all.filter((t) => new Date(itemTime(t)).toISOString().slice(0, 10) <= day).map((t) => t.id),
    );
  });

  it('filters client_id, category and assigned_to', async () => {
    const byClient = await listAll(sim, 'client_id=15');
    expect(byClient.length).toBeGreaterThan(0);
    expect(byClient.map((t) => t.id)).toEqual(all.filter((t) => t.user.id === 15).map((t) => t.id));
    const billing = new Set(TOPICS.filter(([, , c]) => c === 'Billing').map(([s]) => s));
    const byCategory = await listAll(sim, 'category=billing');
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory.map((t) => t.id)).toEqual(all.filter((t) => billing.has(t.subject)).map((t) => t.id));
    const assigned = await listAll(sim, 'assigned_to=8');
    const unassignedTo8 = all.find((t) => !assigned.some((a) => a.id === t.id))!;
    const local = await start({ size: 60 });
    try {
      const res = await call(local, `${BASE}/bulk-actions`, {
        method: 'POST',
        json: { ticket_ids: [unassignedTo8.id], action: 'assign', parameters: { assigned_to: 8 } },
      });
      expect(res.status).toBe(200);
      const after = await listAll(local, 'assigned_to=8');
      expect(after.map((t) => t.id).sort()).toEqual([...assigned.map((t) => t.id), unassignedTo8.id].sort());
    } finally {
      await local.close();
    }
  });

  it.each([
    ['status=pending', 'status', 'The selected status is invalid.'],
    ['priority=normal', 'priority', 'The selected priority is invalid.'],
    ['status=1', 'status', 'The selected status is invalid.'],
    ['sort=subject', 'sort', 'The selected sort is invalid.'],
    ['order=up', 'order', 'The selected order is invalid.'],
    ['limit=101', 'limit', 'The limit field must not be greater than 100.'],
    ['limit=0', 'limit', 'The limit field must be at least 1.'],
    ['limit=ten', 'limit', 'The limit field must be an integer.'],
    ['page=0', 'page', 'The page field must be at least 1.'],
    ['assigned_to=sarah', 'assigned_to', 'The assigned_to field must be an integer.'],
    ['client_id=x', 'client_id', 'The client_id field must be an integer.'],
    ['date_from=2024-13-01', 'date_from', 'The date from field must match the format Y-m-d.'],
    ['date_to=15-01-2024', 'date_to', 'The date to field must match the format Y-m-d.'],
    [
      'date_from=2024-01-10&date_to=2024-01-09',
      'date_to',
      'The date to field must be a date after or equal to date from.',
    ],
  ])('rejects %s with the documented 422 shape', async (query, field, message) => {
    const res = await call(sim, `${BASE}?${query}`);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ ...VALIDATION, errors: { [field]: [message] } });
  });

  it('treats empty filter values as absent', async () => {
    expect((await list(sim, 'status=&priority=&search=&limit=100')).map((t) => t.id)).toEqual(
      all.map((t) => t.id),
    );
  });
});

describe('GET /support-ticket/{id}', () => {
  it('answers the ticket without an envelope, with replies[] only when there are replies', async () => {
    let withReplies = 0;
    let without = 0;
    for (const item of all) {
      const d = await detail(sim, item.id);
      const { replies, ...rest } = d;
      expect(rest).toEqual(item);
      if (replies === undefined) {
        without += 1;
        continue;
      }
      withReplies += 1;
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) {
        expect(Object.keys(r).sort()).toEqual([
          'author',
          'author_type',
          'created_at',
          'id',
          'is_private',
          'message',
        ]);
        expect(['team_member', 'client', 'system']).toContain(r.author_type);
        expect(r.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(Date.parse(r.created_at)).toBeGreaterThanOrEqual(itemTime(d));
        expect(Date.parse(r.created_at)).toBeLessThanOrEqual(NOW);
      }
      const times = replies.map((r) => Date.parse(r.created_at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(withReplies).toBeGreaterThan(0);
    expect(without).toBeGreaterThan(0);
  });

  it.each(['9999', 'abc', '0'])('answers 404 for id %s', async (id) => {
    const res = await call(sim, `${BASE}/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      error: 'Not Found',
      message: 'SupportTicket not found',
      status_code: 404,
    });
  });

  it('answers 404 for a uuid in the id slot', async () => {
    expect((await call(sim, `${BASE}/${all[0]!.uuid}`)).status).toBe(404);
  });
});

describe('unknown routes', () => {
  it.each([
    ['POST', '/api/public-v1/ticket/45/assign'],
    ['GET', '/api/public-v1/ticket/analytics'],
    ['POST', '/api/public-v1/ticket/45/add-reply'],
    ['GET', '/api/public-v1/ticket/45/attachments'],
    ['PATCH', `${BASE}/1`],
    ['GET', '/api/v1/client/tickets'],
  ])('%s %s is a 404 in TaskIP error shape', async (method, path) => {
    const res = await call(sim, path, { method, json: method === 'GET' ? undefined : {} });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, error: 'Not Found', status_code: 404 });
  });
});

describe('demo data', () => {
  it('is the same for the same seed and differs for another seed', async () => {
    const [a, b, c] = await Promise.all([start({ seed: 3 }), start({ seed: 3 }), start({ seed: 4 })]);
    try {
      const [la, lb, lc] = await Promise.all([listAll(a), listAll(b), listAll(c)]);
      expect(la).toEqual(lb);
      expect(lc).not.toEqual(la);
      for (const id of [1, 7, 20, 40]) expect(await detail(a, id)).toEqual(await detail(b, id));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('has every status and priority, 0–6 messages per ticket, attachments, private and system replies', async () => {
    expect(new Set(all.map((t) => t.status))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(new Set(all.map((t) => t.priority))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(all.some((t) => t.attachment !== null)).toBe(true);
    expect(all.some((t) => t.attachment === null)).toBe(true);
    const details = await Promise.all(all.map((t) => detail(sim, t.id)));
    const counts = details.map((d) => (d.description ? 1 : 0) + (d.replies?.length ?? 0));
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(0);
    expect(new Set(counts).size).toBeGreaterThan(3);
    const replies = details.flatMap((d) => d.replies ?? []);
    expect(replies.some((r) => r.is_private)).toBe(true);
    expect(new Set(replies.map((r) => r.author_type))).toEqual(new Set(['team_member', 'client', 'system']));
    expect(new Set(all.map((t) => t.user.id)).size).toBeGreaterThan(3);
  });

  it('honours size', async () => {
    const small = await start({ size: 5 });
    try {
      const items = await listAll(small);
      expect(items.map((t) => t.id).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(items.map((t) => t.status)).size).toBe(5);
    } finally {
      await small.close();
    }
  });
});

describe('control hooks', () => {
  it('counts by route id, injects a fault on one route, adds latency and resets data', async () => {
    const local = await start();
    try {
      local.controls.reset();
      await list(local);
      await detail(local, 1);
      await detail(local, 2);
      expect(local.controls.requests(`GET ${BASE}`)).toBe(1);
      expect(local.controls.requests(`GET ${BASE}/:id`)).toBe(2);
      const stats = (await (await fetch(`${local.origin}/__sim/stats`)).json()) as { total: number };
      expect(stats.total).toBe(3);

      await fetch(`${local.origin}/__sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ route: `GET ${BASE}/:id`, kind: 'status', status: 503, times: 1 }),
      });
      expect((await call(local, `${BASE}/1`)).status).toBe(503);
      expect((await call(local, BASE)).status).toBe(200);
      expect((await call(local, `${BASE}/1`)).status).toBe(200);

      local.controls.setLatency({ route: `GET ${BASE}`, ms: 150 });
      const t0 = Date.now();
      await list(local);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

      expect((await call(local, `${BASE}/3`, { method: 'DELETE' })).status).toBe(200);
      expect((await call(local, `${BASE}/3`)).status).toBe(404);
      await fetch(`${local.origin}/__sim/reset`, { method: 'POST' });
      expect((await call(local, `${BASE}/3`)).status).toBe(200);
      expect(local.controls.requests()).toBe(1);
    } finally {
      await local.close();
    }
  });
});
