import {
  TASKIP_DEMO_CREDENTIALS,
  startSimulator,
  taskipSimulator,
  type RunningSimulator,
  type TaskipSimulatorOptions,
} from '../../../src/simulators/index.js';

/** A whole minute, so seeded times and relative texts are stable while a test runs. */
export const NOW = Date.UTC(2024, 0, 16, 12, 0);
export const BASE = '/api/public-v1/support-ticket';
export const KEY = TASKIP_DEMO_CREDENTIALS['secretKey'] ?? '';
export const UNAUTHORIZED = {
  error: 'Unauthorized',
  message: 'Invalid or missing X-Secret-Key header',
  status_code: 401,
};

/** Starts the taskip simulator on a free port (rate limits off unless asked for). */
export function start(options: TaskipSimulatorOptions = {}): Promise<RunningSimulator> {
  const opts: TaskipSimulatorOptions = { seed: 7, size: 40, now: NOW, rateLimit: false, ...options };
  return startSimulator(taskipSimulator(opts));
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One real HTTP call; `key: null` sends no X-Secret-Key. */
export async function call(
  sim: RunningSimulator,
  path: string,
  init: {
    method?: string;
    json?: unknown;
    key?: string | null;
    raw?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  const key = init.key === undefined ? KEY : init.key;
  if (key !== null) headers['X-Secret-Key'] = key;
  const res = await fetch(sim.baseUrl + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.raw ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: res.headers,
  };
}

/** A loosely typed ticket item, for assertions. */
export interface Item {
  id: number;
  uuid: string;
  subject: string;
  description: string | null;
  priority: number;
  status: number;
  user: { id: number; name: string; email: string };
  created_by: { id: number; name: string; email: string };
  attachment: { id: number; url: string; name: string; size: number } | null;
  createAt: string;
  date: string;
  time: string;
  replies?: Array<{
    id: number;
    message: string;
    author: string;
    author_type: string;
    is_private: boolean;
    created_at: string;
  }>;
}

/** `GET /support-ticket` with a query, its items. */
export async function list(sim: RunningSimulator, query = ''): Promise<Item[]> {
  const res = await call(sim, `${BASE}${query ? `?${query}` : ''}`);
  if (res.status !== 200) throw new Error(`list ${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: Item[] }).data;
}

/** Every ticket, all pages of 100. */
export async function listAll(sim: RunningSimulator, query = ''): Promise<Item[]> {
  const all: Item[] = [];
  for (let page = 1; ; page += 1) {
    const items = await list(sim, `limit=100&page=${page}${query ? `&${query}` : ''}`);
    all.push(...items);
    if (items.length < 100) return all;
  }
}

/** `GET /support-ticket/{id}`. */
export async function detail(sim: RunningSimulator, id: number): Promise<Item> {
  const res = await call(sim, `${BASE}/${id}`);
  if (res.status !== 200) throw new Error(`detail ${id}: ${res.status}`);
  return res.body as Item;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An item's `date` + `time` as ms (UTC), independently of the code under test. */
export function itemTime(item: Pick<Item, 'date' | 'time'>): number {
  const [d, mon, y] = item.date.split('-');
  const m = /^(\d\d):(\d\d)(AM|PM)$/.exec(item.time);
  if (!m) throw new Error(`bad time ${item.time}`);
  const hour = (Number(m[1]) % 12) + (m[3] === 'PM' ? 12 : 0);
  return Date.UTC(Number(y), MONTHS.indexOf(mon ?? ''), Number(d), hour, Number(m[2]));
}
