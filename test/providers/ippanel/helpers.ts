import {
  IPPANEL_DEMO_CREDENTIALS,
  ippanelSimulator,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulators/index.js';
import type { RawListItem, RawShow } from '../../../src/providers/ippanel/raw.js';

/** A fixed clock for the demo data: 2025-03-01T12:00:00Z. */
export const NOW = Date.UTC(2025, 2, 1, 12, 0, 0);
export const TOKEN = IPPANEL_DEMO_CREDENTIALS['token'] ?? '';

/** Starts the IPPanel simulator on a free port. */
export function startIppanel(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator(ippanelSimulator({ seed: 42, size: 40, now: NOW, ...options }));
}

/** IPPanel's `meta`, success and error fields together. */
export interface Meta {
  status: boolean;
  message: string;
  message_code: string;
  message_parameters?: unknown[];
  errors?: Record<string, string[]>;
  current_page?: number;
  from?: number | null;
  last_page?: number;
  per_page?: number;
  to?: number | null;
  total?: number;
}

/** A list item as the tests read it. */
export type Item = RawListItem & Record<string, unknown>;
/** A show payload as the tests read it. */
export type Shown = RawShow & Record<string, unknown>;

/** A JSON answer: status and the `{data, meta}` envelope. */
export interface Answer<T = unknown> {
  status: number;
  body: { data: T; meta: Meta };
}

/** Calls the simulator with the demo token unless `headers` says otherwise. */
export async function call<T = unknown>(
  sim: RunningSimulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
): Promise<Answer<T>> {
  const res = await fetch(sim.baseUrl + path, {
    method: init.method ?? 'GET',
    headers: init.headers ?? { authorization: TOKEN, 'content-type': 'application/json' },
    body: init.body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Answer<T>['body'] };
}

/** A multipart body from plain fields and optional files. */
export function form(fields: Record<string, string>, files: Record<string, File> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  for (const [k, f] of Object.entries(files)) data.set(k, f);
  return data;
}

/** Every list item across all pages, in list order. */
export async function listAll(sim: RunningSimulator, query = ''): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page += 1) {
    const { status, body } = await call<Item[]>(sim, `/api/ticket?page=${page}&per_page=1000${query}`);
    if (status !== 200) throw new Error(`list failed: ${status}`);
    items.push(...body.data);
    if (page >= (body.meta.last_page ?? 0)) return items;
  }
}
