import {
  DAAKEY_DEMO_CREDENTIALS,
  daakeySimulator,
  startSimulator,
  type RunningSimulator,
} from '../../../src/simulators/index.js';
import { DaakeyProvider } from '../../../src/providers/daakey/index.js';
import type { ResolvedInstanceConfig } from '../../../src/providers/provider.js';

/** The fixed clock of the demo data in these tests. */
export const NOW = Date.parse('2024-03-01T12:00:00Z');
export const SEED = 7;
export const SIZE = 40;
export const CLIENT = '/api/v1/client';

export function startDaakey(seed = SEED, size = SIZE): Promise<RunningSimulator> {
  return startSimulator(daakeySimulator({ seed, size, now: NOW }));
}

/** A Daakey list item, as the docs' example shows it. */
export interface ListItem {
  id: number;
  reference: string;
  subject: string;
  status: string;
  priority: string;
  category: string;
  last_message: string | null;
  last_message_at: string | null;
  unread_count: number;
  created_at: string;
}

export interface MessageOut {
  id: number;
  message: string;
  sender: string;
  sender_name: string;
  attachments: string[];
  created_at: string;
}

export interface Booking {
  id: number;
  reference: string;
  vehicle: { id: number; plate_number: string; brand: string; model: string };
  start_date: string;
  end_date: string;
}

export interface Detail extends ListItem {
  updated_at: string;
  booking: Booking | null;
  messages: MessageOut[];
}

/** Daakey's envelope, success or error, as the tests read it (asserted, not trusted). */
export interface Envelope<T> {
  success: boolean;
  message: string;
  data: T;
  meta?: Record<string, number | string>;
  errors?: Record<string, string[]>;
  request_id: string;
  timestamp: string;
}

export interface Reply<T> {
  status: number;
  body: Envelope<T>;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Replaces the simulator's working credentials when given. */
  auth?: Record<string, string>;
  json?: unknown;
  rawBody?: string | URLSearchParams;
}

/** One real HTTP call to the simulator, with its demo credentials unless `auth` says otherwise. */
export async function call<T = unknown>(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(options.auth ?? sim.headers),
    ...options.headers,
  };
  let body: string | URLSearchParams | undefined = options.rawBody;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${sim.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Envelope<T> };
}

/** A ticket's details (which marks it read). */
export async function detailOf(sim: RunningSimulator, id: number): Promise<Detail> {
  return (await call<Detail>(sim, 'GET', `${CLIENT}/tickets/${id}`)).body.data;
}

/** Every ticket of the list, walking all pages. */
export async function allTickets(sim: RunningSimulator, query = ''): Promise<ListItem[]> {
  const out: ListItem[] = [];
  for (let page = 1; page < 100; page += 1) {
    const { body } = await call<ListItem[]>(
      sim,
      'GET',
      `${CLIENT}/tickets?per_page=100&page=${page}${query}`,
    );
    out.push(...body.data);
    if (Number(body.meta?.['current_page']) >= Number(body.meta?.['last_page'])) break;
  }
  return out;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A provider instance over the simulator, with the demo credentials; close it after use. */
export function daakeyProvider(
  sim: RunningSimulator,
  overrides: Partial<ResolvedInstanceConfig> = {},
): DaakeyProvider {
  return new DaakeyProvider({
    key: 'daakey',
    kind: 'daakey',
    name: 'Daakey',
    baseUrl: sim.baseUrl,
    credentials: { ...DAAKEY_DEMO_CREDENTIALS },
    timeoutMs: 2_000,
    pageSize: 10,
    maxResponseBytes: 1024 * 1024,
    ...overrides,
  });
}

/** The newest demo ticket with a Daakey status. */
export async function firstWithStatus(sim: RunningSimulator, status: string): Promise<ListItem> {
  const found = (await allTickets(sim)).find((t) => t.status === status);
  if (!found) throw new Error(`no ${status} ticket in the demo data`);
  return found;
}

/** The error a promise rejects with (the test fails when it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
