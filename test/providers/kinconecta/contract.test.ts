import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { rawTicketListSchema, rawTicketSchema } from '../../../src/providers/kinconecta/raw.js';
import {
  DOCS_CREATE,
  NOW,
  SEED,
  SIZE,
  call,
  listAll,
  postJson,
  record,
  springOf,
  startKinconecta,
  ticketOf,
  ticketsOf,
  type Reply,
  type SpringBody,
} from './helpers.js';

const LIST = 'GET /api/support-tickets';
const ITEM = 'GET /api/support-tickets/:id';
const CREATE = 'POST /api/support-tickets';
const TICKET_KEYS = [
  'attachments',
  'category',
  'createdAt',
  'email',
  'fullName',
  'id',
  'message',
  'roleContext',
  'status',
  'subject',
  'updatedAt',
];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const SPRING_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

let sim: RunningSimulator;
let base: string;

beforeAll(async () => {
  sim = await startKinconecta();
  base = sim.baseUrl;
});
afterAll(() => sim.close());
beforeEach(async () => {
  expect((await call(sim.origin, '/__sim/reset', { method: 'POST' })).status).toBe(200);
});

/** Checks a Spring Boot default error body and returns it. */
function expectSpringError(res: Reply, status: number, error: string, path: string): SpringBody {
  const body = springOf(res);
  expect(body.timestamp).toMatch(SPRING_TIMESTAMP);
  expect(body).toMatchObject({ status, error, path });
  return body;
}

describe('GET /api/support-tickets', () => {
  it('answers the docs example (with its Content-Type header) with a bare array of full tickets', async () => {
    const res = await call(base, '/api/support-tickets', { headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toHaveLength(SIZE);
    for (const t of ticketsOf(res)) {
      expect(Object.keys(t).sort()).toEqual(TICKET_KEYS);
      expect(Number.isInteger(t.id)).toBe(true);
      expect(['tourist', 'guide']).toContain(t.roleContext);
      expect(t.email).toMatch(/^[a-z.0-9]+@[a-z.]+$/);
      expect(t.createdAt).toMatch(INSTANT);
      expect(t.updatedAt).toMatch(INSTANT);
      expect(Date.parse(t.updatedAt)).toBeGreaterThanOrEqual(Date.parse(t.createdAt));
      expect(Date.parse(t.updatedAt)).toBeLessThanOrEqual(NOW);
      for (const a of t.attachments) {
        expect(Object.keys(a).sort()).toEqual(['fileName', 'fileUrl', 'id']);
        expect(a.fileUrl).toMatch(/^https:\/\/cdn\.kinconecta\.com\/support-tickets\/\d+\//);
      }
    }
    expect(rawTicketListSchema.safeParse(res.body).success).toBe(true);
  });

  it('lists in id order, which is not createdAt order (no sorting upstream)', async () => {
    const body = await listAll(base);
    const ids = body.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const times = body.map((t) => Date.parse(t.createdAt));
    expect(times).not.toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBeLessThan(times.length); // a double submit shares a timestamp
  });

  it('has no pagination, filters or sorting: query parameters are ignored', async () => {
    const plain = await call(base, '/api/support-tickets');
    for (const query of ['?page=2&size=5', '?status=closed', '?sort=createdAt,desc', '?per_page=1&foo=bar']) {
      const res = await call(base, `/api/support-tickets${query}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(plain.body);
    }
  });

  it('demo data is realistic and covers every status, both roles and attachments', async () => {
    const body = await listAll(base);
    const statuses = new Set(body.map((t) => t.status));
    expect([...statuses].sort()).toEqual(['closed', 'in_progress', 'open', 'resolved']);
    expect(new Set(body.map((t) => t.roleContext))).toEqual(new Set(['tourist', 'guide']));
    const withFiles = body.filter((t) => t.attachments.length > 0);
    expect(withFiles.length).toBeGreaterThan(0);
    expect(withFiles.length).toBeLessThan(SIZE);
    const attachmentIds = body.flatMap((t) => t.attachments.map((a) => a.id));
    expect(new Set(attachmentIds).size).toBe(attachmentIds.length);
    const times = body.map((t) => Date.parse(t.createdAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 6 * 7 * 86_400_000);
  });

  it('is deterministic: same seed, same data; another seed, other data; size is configurable', async () => {
    const twin = await startKinconecta();
    const other = await startKinconecta({ seed: SEED + 1, size: 7 });
    try {
      const a = await call(base, '/api/support-tickets');
      expect((await call(twin.baseUrl, '/api/support-tickets')).body).toEqual(a.body);
      const b = await call(other.baseUrl, '/api/support-tickets');
      expect(b.body).toHaveLength(7);
      expect(b.body).not.toEqual(ticketsOf(a).slice(0, 7));
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});

describe('GET /api/support-tickets/{id}', () => {
  it('answers the docs example with the same full object the list carries', async () => {
    const list = await listAll(base);
    for (const t of [list[0], list[5], list[SIZE - 1]].map((x) => x ?? expect.fail('short list'))) {
      const res = await call(base, `/api/support-tickets/${t.id}`, {
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(t);
      expect(rawTicketSchema.safeParse(res.body).success).toBe(true);
    }
  });

  it('answers 404 with a Spring body for an unknown id (including ids in the sequence gaps)', async () => {
    const ids = new Set((await listAll(base)).map((t) => t.id));
    const gap = [...Array(SIZE * 2).keys()].map((i) => i + 1).find((i) => !ids.has(i)) ?? 0;
    for (const id of [gap, 999999, 0, -1]) {
      const res = await call(base, `/api/support-tickets/${id}`);
      expect(res.status).toBe(404);
      const body = expectSpringError(res, 404, 'Not Found', `/api/support-tickets/${id}`);
      expect(body.message).toBe(`Support ticket not found with id: ${id}`);
    }
  });

  it('answers 400 (Spring type mismatch) for an id that is not a long', async () => {
    for (const id of ['abc', '1.5', '12abc', '9223372036854775808']) {
      const res = await call(base, `/api/support-tickets/${id}`);
      expect(res.status).toBe(400);
      const body = expectSpringError(res, 400, 'Bad Request', `/api/support-tickets/${id}`);
      expect(body.message).toContain(`'java.lang.Long'; For input string: "${id}"`);
    }
    expect((await call(base, '/api/support-tickets/9223372036854775807')).status).toBe(404);
  });
});

describe('POST /api/support-tickets', () => {
  it('creates the docs example: 201, Location, the ticket with its assigned id', async () => {
    const before = await listAll(base);
    const maxId = Math.max(...before.map((t) => t.id));
    const res = await postJson(base, '/api/support-tickets', DOCS_CREATE);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: maxId + 1, ...DOCS_CREATE, attachments: [] });
    expect(res.headers.get('location')).toBe(`/api/support-tickets/${maxId + 1}`);
    expect((await call(base, `/api/support-tickets/${maxId + 1}`)).body).toEqual(res.body);
    const after = await listAll(base);
    expect(after).toHaveLength(SIZE + 1);
    expect(after.at(-1)).toEqual(res.body);
  });

  it('assigns attachment ids, ignores a client id and unknown fields, normalizes offsets to UTC', async () => {
    const res = await postJson(base, '/api/support-tickets', {
      ...DOCS_CREATE,
      id: 1,
      priority: 'high',
      createdAt: '2026-03-10T05:00:00-06:00',
      updatedAt: '2026-03-10T12:30:15.250+01:00',
      attachments: [
        { id: 77, fileName: 'receipt.pdf', fileUrl: 'https://files.example.com/receipt.pdf' },
        { fileName: 'photo.jpg', fileUrl: 'https://files.example.com/photo.jpg' },
      ],
    });
    expect(res.status).toBe(201);
    const created = ticketOf(res);
    expect(created.id).not.toBe(1);
    expect(created).not.toHaveProperty('priority');
    expect(created.createdAt).toBe('2026-03-10T11:00:00Z');
    expect(created.updatedAt).toBe('2026-03-10T11:30:15.250Z');
    const all = await listAll(base);
    const maxAttachment = Math.max(...all.slice(0, -1).flatMap((t) => t.attachments.map((a) => a.id)));
    expect(created.attachments).toEqual([
      { id: maxAttachment + 1, fileName: 'receipt.pdf', fileUrl: 'https://files.example.com/receipt.pdf' },
      { id: maxAttachment + 2, fileName: 'photo.jpg', fileUrl: 'https://files.example.com/photo.jpg' },
    ]);
  });

  it('coerces numbers and booleans to strings, as Jackson does for String fields', async () => {
    const res = await postJson(base, '/api/support-tickets', {
      ...DOCS_CREATE,
      fullName: 12345,
      category: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fullName: '12345', category: 'true' });
  });

  it.each([
    'roleContext',
    'fullName',
    'email',
    'subject',
    'category',
    'message',
    'status',
    'createdAt',
    'updatedAt',
  ])('requires %s: missing, null or blank is a 400 validation error', async (field) => {
    for (const value of [undefined, null, '', '   ']) {
      const res = await postJson(base, '/api/support-tickets', { ...DOCS_CREATE, [field]: value });
      expect(res.status).toBe(400);
      const body = expectSpringError(res, 400, 'Bad Request', '/api/support-tickets');
      expect(body.message).toBe("Validation failed for object='supportTicketRequest'. Error count: 1");
      expect(body.errors).toEqual([
        {
          objectName: 'supportTicketRequest',
          field,
          rejectedValue: value ?? null,
          defaultMessage: 'must not be blank',
          code: 'NotBlank',
        },
      ]);
    }
    expect(await listAll(base)).toHaveLength(SIZE);
  });

  it('rejects an invalid email, the docs example as published ("[email protected]") included', async () => {
    for (const email of ['ana.example.com', 'ana@', '[email protected]', 'ana @example.com']) {
      const res = await postJson(base, '/api/support-tickets', { ...DOCS_CREATE, email });
      expect(res.status).toBe(400);
      expect(springOf(res).errors).toEqual([
        expect.objectContaining({ field: 'email', code: 'Email', rejectedValue: email }),
      ]);
    }
  });

  it('rejects timestamps that are not ISO 8601 instants', async () => {
    const bad = [
      '2026-03-10 11:00:00',
      '10/03/2026',
      '2026-03-10T11:00:00',
      '2026-02-30T10:00:00Z',
      'yesterday',
    ];
    for (const createdAt of bad) {
      const res = await postJson(base, '/api/support-tickets', {
        ...DOCS_CREATE,
        createdAt,
        updatedAt: createdAt,
      });
      expect(res.status).toBe(400);
      const body = springOf(res);
      expect(body.errors?.map((e) => e.field)).toEqual(['createdAt', 'updatedAt']);
      expect(body.message).toContain('Error count: 2');
    }
  });

  it('rejects a status outside open|in_progress|resolved|closed and blank attachment fields', async () => {
    const status = await postJson(base, '/api/support-tickets', { ...DOCS_CREATE, status: 'pending' });
    expect(status.status).toBe(400);
    expect(springOf(status).errors).toEqual([
      expect.objectContaining({ field: 'status', rejectedValue: 'pending' }),
    ]);
    const files = await postJson(base, '/api/support-tickets', {
      ...DOCS_CREATE,
      attachments: [{ fileName: 'a.pdf' }],
    });
    expect(files.status).toBe(400);
    expect(springOf(files).errors).toEqual([
      expect.objectContaining({ field: 'attachments[0].fileUrl', code: 'NotBlank' }),
    ]);
  });

  it('answers 400 without field errors for unreadable bodies', async () => {
    const bodies: unknown[] = ['{"subject": "trunc', '[]', '"text"', { ...DOCS_CREATE, subject: { a: 1 } }];
    bodies.push({ ...DOCS_CREATE, attachments: 'a.pdf' });
    for (const body of bodies) {
      const res = await postJson(base, '/api/support-tickets', body);
      expect(res.status).toBe(400);
      const spring = expectSpringError(res, 400, 'Bad Request', '/api/support-tickets');
      expect(spring.message).toMatch(/JSON parse error/);
      expect(spring).not.toHaveProperty('errors');
    }
    const empty = await call(base, '/api/support-tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(400);
    expect(springOf(empty).message).toBe('Required request body is missing');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await call(base, '/api/support-tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subject: 'x' }).toString(),
    });
    expect(res.status).toBe(415);
    expectSpringError(res, 415, 'Unsupported Media Type', '/api/support-tickets');
  });

  it('is undone by a data reset', async () => {
    await postJson(base, '/api/support-tickets', DOCS_CREATE);
    expect(await listAll(base)).toHaveLength(SIZE + 1);
    sim.definition.resetData();
    expect(await listAll(base)).toHaveLength(SIZE);
  });
});

describe('unknown routes and methods', () => {
  it('answers 404 for an unknown path and 405 with Allow for a known path', async () => {
    const missing = await call(base, '/api/tickets');
    expect(missing.status).toBe(404);
    expectSpringError(missing, 404, 'Not Found', '/api/tickets');
    const del = await call(base, '/api/support-tickets/1', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET');
    expectSpringError(del, 405, 'Method Not Allowed', '/api/support-tickets/1');
    const put = await call(base, '/api/support-tickets', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });
});

describe('authentication', () => {
  it('needs none by default (no token in the demo credentials)', async () => {
    expect(sim.headers).toEqual({});
    expect((await call(base, '/api/support-tickets')).status).toBe(200);
  });

  it('with a configured token, answers Spring 401 on a missing or wrong bearer token', async () => {
    const locked = await startKinconecta({ credentials: { token: 's3cret' } });
    try {
      expect(locked.headers).toEqual({ authorization: 'Bearer s3cret' });
      const cases: Array<[string, Record<string, string>]> = [
        ['/api/support-tickets', {}],
        ['/api/support-tickets', { authorization: 'Bearer wrong' }],
        ['/api/support-tickets/1', { authorization: 's3cret' }],
      ];
      for (const [path, headers] of cases) {
        const res = await call(locked.baseUrl, path, { headers });
        expect(res.status).toBe(401);
        expect(Object.keys(record(res))).toEqual(['timestamp', 'status', 'error', 'path']);
        expectSpringError(res, 401, 'Unauthorized', path);
      }
      const denied = await postJson(locked.baseUrl, '/api/support-tickets', DOCS_CREATE);
      expect(denied.status).toBe(401);
      expect((await call(locked.baseUrl, '/api/support-tickets', { headers: locked.headers })).status).toBe(
        200,
      );
      const created = await postJson(locked.baseUrl, '/api/support-tickets', DOCS_CREATE, locked.headers);
      expect(created.status).toBe(201);
    } finally {
      await locked.close();
    }
  });
});

describe('simulator controls on the Kinconecta routes', () => {
  it('counts requests by route id', async () => {
    await call(base, '/api/support-tickets');
    await call(base, '/api/support-tickets/1');
    await call(base, '/api/support-tickets/2');
    await postJson(base, '/api/support-tickets', DOCS_CREATE);
    expect(sim.controls.requests(LIST)).toBe(1);
    expect(sim.controls.requests(ITEM)).toBe(2);
    expect(sim.controls.requests(CREATE)).toBe(1);
    const stats = (await call(sim.origin, '/__sim/stats')).body;
    expect(stats).toEqual({ total: 4, requests: { [ITEM]: 2, [LIST]: 1, [CREATE]: 1 } });
  });

  it('injects a fault on one route id only', async () => {
    const added = await postJson(sim.origin, '/__sim/faults', {
      route: ITEM,
      kind: 'status',
      status: 503,
      times: 1,
    });
    expect(added.status).toBe(200);
    expect((await call(base, '/api/support-tickets')).status).toBe(200);
    expect((await call(base, '/api/support-tickets/1')).status).toBe(503);
    expect((await call(base, '/api/support-tickets/1')).status).toBe(200);
  });

  it('adds latency to one route id', async () => {
    await postJson(sim.origin, '/__sim/latency', { route: LIST, ms: 150 });
    const start = Date.now();
    await call(base, '/api/support-tickets');
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    const quick = Date.now();
    await call(base, '/api/support-tickets/1');
    expect(Date.now() - quick).toBeLessThan(140);
  });
});
