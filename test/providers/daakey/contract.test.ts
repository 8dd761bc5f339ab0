import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DAAKEY_DEMO_CREDENTIALS,
  daakeySimulator,
  type RunningSimulator,
} from '../../../src/simulators/index.js';
import {
  CLIENT,
  ISO_SECONDS,
  NOW,
  SIZE,
  UUID,
  allTickets,
  call,
  detailOf,
  startDaakey,
  type Detail,
  type ListItem,
} from './helpers.js';

const LIST_KEYS = [
  'id',
  'reference',
  'subject',
  'status',
  'priority',
  'category',
  'last_message',
  'last_message_at',
  'unread_count',
  'created_at',
].sort();
const DETAIL = `GET ${CLIENT}/tickets/:ticket`;
const LIST = `GET ${CLIENT}/tickets`;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startDaakey();
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
});

function expectErrorEnvelope(body: object, message: string): void {
  expect(body).toMatchObject({ success: false, message, data: null });
  const { request_id, timestamp } = body as { request_id: string; timestamp: string };
  expect(request_id).toMatch(UUID);
  expect(new Date(timestamp).toISOString()).toBe(timestamp);
}

describe('authentication', () => {
  const routes: Array<[string, string]> = [
    ['GET', `${CLIENT}/tickets`],
    ['GET', `${CLIENT}/tickets/1`],
    ['POST', `${CLIENT}/tickets`],
    ['POST', `${CLIENT}/tickets/1/messages`],
  ];
  const { token, signature } = DAAKEY_DEMO_CREDENTIALS as { token: string; signature: string };
  const cases: Array<[string, Record<string, string>, string]> = [
    ['no credentials', {}, 'Unauthenticated.'],
    ['only the signature', { 'x-agency-signature': signature }, 'Unauthenticated.'],
    ['a wrong token', { authorization: 'Bearer nope', 'x-agency-signature': signature }, 'Unauthenticated.'],
    ['no signature', { authorization: `Bearer ${token}` }, 'Missing agency signature.'],
    [
      'a wrong signature',
      { authorization: `Bearer ${token}`, 'x-agency-signature': 'x' },
      'Invalid agency signature.',
    ],
    [
      'the token without Bearer',
      { authorization: token, 'x-agency-signature': signature },
      'Unauthenticated.',
    ],
  ];
  for (const [what, auth, message] of cases) {
    it(`answers Daakey's 401 envelope on every route with ${what}`, async () => {
      for (const [method, path] of routes) {
        const reply = await call(sim, method, path, { auth, json: method === 'POST' ? {} : undefined });
        expect(reply.status).toBe(401);
        expectErrorEnvelope(reply.body, message);
        expect(Object.keys(reply.body).sort()).toEqual([
          'data',
          'message',
          'request_id',
          'success',
          'timestamp',
        ]);
      }
    });
  }

  it('accepts the configured credentials of a simulator built with other ones', async () => {
    const { startSimulator } = await import('../../../src/simulators/index.js');
    const other = await startSimulator(
      daakeySimulator({ now: NOW, credentials: { token: 't', signature: 's' } }),
    );
    try {
      expect(other.headers).toEqual({ authorization: 'Bearer t', 'x-agency-signature': 's' });
      expect((await call(other, 'GET', `${CLIENT}/tickets`)).status).toBe(200);
      expect((await call(other, 'GET', `${CLIENT}/tickets`, { auth: sim.headers })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('GET /tickets', () => {
  it("answers the docs' example request (status=open) in the documented shape", async () => {
    const reply = await call<ListItem[]>(sim, 'GET', `${CLIENT}/tickets?status=open`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ success: true, message: 'Tickets retrieved' });
    expect(reply.body.request_id).toMatch(UUID);
    expect(Object.keys(reply.body).sort()).toEqual([
      'data',
      'message',
      'meta',
      'request_id',
      'success',
      'timestamp',
    ]);
    const open = (await allTickets(sim)).filter((t) => t.status === 'open');
    expect(reply.body.meta).toEqual({
      agency_id: 123,
      agency_code: 'AGENCY123',
      current_page: 1,
      last_page: Math.max(1, Math.ceil(open.length / 15)),
      per_page: 15,
      total: open.length,
    });
    expect(reply.body.data.length).toBeGreaterThan(0);
    for (const item of reply.body.data) {
      expect(Object.keys(item).sort()).toEqual(LIST_KEYS);
      expect(item.status).toBe('open');
      expect(item.reference).toMatch(/^TK-\d{4}-\d{5}$/);
      expect(item.created_at).toMatch(ISO_SECONDS);
      expect(item.last_message_at).toMatch(ISO_SECONDS);
      expect(typeof item.unread_count).toBe('number');
    }
  });

  it('pages 15 at a time by default, newest first, without gaps or repeats', async () => {
    const seen: ListItem[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const { body } = await call<ListItem[]>(sim, 'GET', `${CLIENT}/tickets?page=${page}`);
      expect(body.meta).toMatchObject({ current_page: page, last_page: 3, per_page: 15, total: SIZE });
      expect(body.data).toHaveLength(page < 3 ? 15 : SIZE - 30);
      seen.push(...body.data);
    }
    expect(new Set(seen.map((t) => t.id)).size).toBe(SIZE);
    const times = seen.map((t) => Date.parse(t.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const beyond = await call<ListItem[]>(sim, 'GET', `${CLIENT}/tickets?page=4`);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.meta).toMatchObject({ current_page: 4, last_page: 3, total: SIZE });
  });

  it('honours per_page, caps it at 100 and reads a bad page as page 1', async () => {
    const five = await call<ListItem[]>(sim, 'GET', `${CLIENT}/tickets?per_page=5&page=2`);
    expect(five.body.data).toHaveLength(5);
    expect(five.body.meta).toMatchObject({ current_page: 2, last_page: 8, per_page: 5 });
    const capped = await call<ListItem[]>(sim, 'GET', `${CLIENT}/tickets?per_page=500`);
    expect(capped.body.meta).toMatchObject({ per_page: 100, last_page: 1 });
    expect(capped.body.data).toHaveLength(SIZE);
    const bad = await call<ListItem[]>(sim, 'GET', `${CLIENT}/tickets?page=abc&per_page=5`);
    expect(bad.body.meta).toMatchObject({ current_page: 1 });
  });

  it('rejects an invalid per_page with a 422', async () => {
    for (const [value, message] of [
      ['abc', 'The per page field must be an integer.'],
      ['0', 'The per page field must be at least 1.'],
    ]) {
      const reply = await call(sim, 'GET', `${CLIENT}/tickets?per_page=${value}`);
      expect(reply.status).toBe(422);
      expectErrorEnvelope(reply.body, message!);
      expect(reply.body.errors).toEqual({ per_page: [message] });
    }
  });

  it('filters by each status, and the filtered totals add up', async () => {
    let sum = 0;
    for (const status of ['open', 'in_progress', 'resolved', 'closed']) {
      const items = await allTickets(sim, `&status=${status}`);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((t) => t.status === status)).toBe(true);
      sum += items.length;
    }
    expect(sum).toBe(SIZE);
    expect(await allTickets(sim, '&status=')).toHaveLength(SIZE);
  });

  it('answers an unknown status with a Laravel-like 422 on errors.status', async () => {
    const reply = await call(sim, 'GET', `${CLIENT}/tickets?status=pending`);
    expect(reply.status).toBe(422);
    expectErrorEnvelope(reply.body, 'The selected status is invalid.');
    expect(reply.body.errors).toEqual({ status: ['The selected status is invalid.'] });
  });
});

describe('GET /tickets/{ticket}', () => {
  it('shows the ticket with its booking and messages in the documented shape', async () => {
    const withBooking = (await allTickets(sim)).find((t) => t.category === 'vehicle_issue')!;
    const reply = await call<Detail>(sim, 'GET', `${CLIENT}/tickets/${withBooking.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ success: true, meta: { agency_id: 123, agency_code: 'AGENCY123' } });
    const ticket = reply.body.data;
    expect(Object.keys(ticket).sort()).toEqual([...LIST_KEYS, 'booking', 'messages', 'updated_at'].sort());
    expect(ticket).toMatchObject({ ...withBooking, unread_count: 0 });
    expect(Object.keys(ticket.booking!).sort()).toEqual([
      'end_date',
      'id',
      'reference',
      'start_date',
      'vehicle',
    ]);
    expect(Object.keys(ticket.booking!.vehicle).sort()).toEqual(['brand', 'id', 'model', 'plate_number']);
    expect(ticket.messages.length).toBeGreaterThan(0);
    for (const m of ticket.messages) {
      expect(Object.keys(m).sort()).toEqual([
        'attachments',
        'created_at',
        'id',
        'message',
        'sender',
        'sender_name',
      ]);
      expect(['client', 'support']).toContain(m.sender);
    }
    expect(ticket.messages[0]).toMatchObject({ sender: 'client', created_at: ticket.created_at });
    expect(ticket.last_message_at).toBe(ticket.messages.at(-1)!.created_at);
  });

  it("answers Daakey's 404 for an unknown or non-numeric ticket", async () => {
    for (const id of ['9999', 'abc', '0']) {
      const reply = await call(sim, 'GET', `${CLIENT}/tickets/${id}`);
      expect(reply.status).toBe(404);
      expectErrorEnvelope(reply.body, 'Ticket not found');
    }
  });

  it('marks the unread messages read: unread_count drops to 0 in the list', async () => {
    const unread = (await allTickets(sim)).find((t) => t.unread_count > 0)!;
    expect(unread).toBeDefined();
    expect((await detailOf(sim, unread.id)).unread_count).toBe(0);
    const after = (await allTickets(sim)).find((t) => t.id === unread.id)!;
    expect(after.unread_count).toBe(0);
  });
});

describe('unknown routes', () => {
  it("answers 404 for an unknown path and 405 for a known path's other method, before auth", async () => {
    const missing = await call(sim, 'GET', `${CLIENT}/nope`, { auth: {} });
    expect(missing.status).toBe(404);
    expectErrorEnvelope(missing.body, 'The route api/v1/client/nope could not be found.');
    const method = await call(sim, 'DELETE', `${CLIENT}/tickets/1`);
    expect(method.status).toBe(405);
    expectErrorEnvelope(
      method.body,
      'The DELETE method is not supported for route api/v1/client/tickets/1. Supported methods: GET.',
    );
  });
});

describe('demo data', () => {
  it('is the same for the same seed and differs for another seed', async () => {
    const twin = await startDaakey();
    const other = await startDaakey(8);
    try {
      expect(await allTickets(twin)).toEqual(await allTickets(sim));
      expect(await detailOf(twin, 5)).toEqual(await detailOf(sim, 5));
      expect(await allTickets(other)).not.toEqual(await allTickets(sim));
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('has every status and priority, 1–6 messages, attachments and times in the weeks before now', async () => {
    const list = await allTickets(sim);
    expect(new Set(list.map((t) => t.status))).toEqual(
      new Set(['open', 'in_progress', 'resolved', 'closed']),
    );
    expect(new Set(list.map((t) => t.priority))).toEqual(new Set(['low', 'normal', 'high', 'critical']));
    expect(list.some((t) => t.unread_count > 0)).toBe(true);
    const details = await Promise.all(list.map((t) => detailOf(sim, t.id)));
    const counts = details.map((d) => d.messages.length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
    expect(new Set(counts).size).toBeGreaterThan(3);
    expect(details.some((d) => d.messages.some((m) => m.attachments.length > 0))).toBe(true);
    expect(details.some((d) => d.messages.some((m) => m.sender === 'support'))).toBe(true);
    for (const d of details) {
      const created = Date.parse(d.created_at);
      expect(created).toBeLessThanOrEqual(NOW);
      expect(created).toBeGreaterThan(NOW - 6 * 7 * 24 * 3600_000);
      const times = d.messages.map((m) => Date.parse(m.created_at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)!).toBeLessThanOrEqual(NOW);
    }
    const messageIds = details.flatMap((d) => d.messages.map((m) => m.id));
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });

  it('has open tickets awaiting an answer and resolved ones ending with an agent', async () => {
    const details = await Promise.all((await allTickets(sim)).map((t) => detailOf(sim, t.id)));
    for (const d of details.filter((t) => t.status === 'open')) {
      expect(d.messages.every((m) => m.sender === 'client')).toBe(true);
    }
    for (const d of details.filter((t) => t.status === 'resolved'))
      expect(d.messages.at(-1)!.sender).toBe('support');
  });
});

describe('control hooks', () => {
  it('counts requests by route id', async () => {
    await call(sim, 'GET', `${CLIENT}/tickets`);
    await call(sim, 'GET', `${CLIENT}/tickets/1`);
    await call(sim, 'GET', `${CLIENT}/tickets/2`);
    const stats = (await (await fetch(`${sim.origin}/__sim/stats`)).json()) as {
      requests: Record<string, number>;
    };
    expect(stats.requests).toEqual({ [LIST]: 1, [DETAIL]: 2 });
    expect(sim.controls.requests(DETAIL)).toBe(2);
  });

  it('injects a fault on one route id only', async () => {
    const added = await fetch(`${sim.origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: DETAIL, kind: 'status', status: 500, times: 1 }),
    });
    expect(added.status).toBe(200);
    expect((await call(sim, 'GET', `${CLIENT}/tickets`)).status).toBe(200);
    expect((await call(sim, 'GET', `${CLIENT}/tickets/1`)).status).toBe(500);
    expect((await call(sim, 'GET', `${CLIENT}/tickets/1`)).status).toBe(200);
  });

  it('resets the data written through the API', async () => {
    await call(sim, 'POST', `${CLIENT}/tickets`, {
      json: { subject: 's', message: 'm', category: 'general' },
    });
    expect(await allTickets(sim)).toHaveLength(SIZE + 1);
    await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
    expect(await allTickets(sim)).toHaveLength(SIZE);
    expect(sim.controls.requests()).toBe(1);
  });
});
