import { expect } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import {
  kinconectaSimulator,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulators/index.js';
import { KINCONECTA_PAGE_SIZE, KinconectaProvider } from '../../../src/providers/kinconecta/index.js';
import type { ResolvedInstanceConfig } from '../../../src/providers/provider.js';
import { WriteRejection } from '../../../src/providers/writes.js';

/** The fixed clock of the demo data in these tests. */
export const NOW = Date.parse('2026-03-15T12:00:00Z');
export const SEED = 42;
export const SIZE = 40;

/** Starts a Kinconecta simulator on a free port with the tests' seed, size and clock. */
export function startKinconecta(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator(kinconectaSimulator({ seed: SEED, size: SIZE, now: NOW, ...options }));
}

/** A response read as JSON (or text when it is not JSON). */
export interface Reply {
  status: number;
  headers: Headers;
  /** `unknown` until narrowed by one of the accessors below. */
  body: unknown;
}

/** An attachment as Kinconecta sends it. */
export interface WireAttachment {
  id: number;
  fileName: string;
  fileUrl: string;
}

/** A ticket as Kinconecta sends it (the simulator always sends every field). */
export interface WireTicket {
  id: number;
  roleContext: string;
  fullName: string;
  email: string;
  subject: string;
  category: string;
  message: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  attachments: WireAttachment[];
}

/** One Spring field error as the simulator sends it. */
export interface WireFieldError {
  objectName: string;
  field: string;
  rejectedValue: unknown;
  defaultMessage: string;
  code: string;
}

/** Spring Boot's error body. */
export interface SpringBody {
  timestamp: string;
  status: number;
  error: string;
  message?: string;
  errors?: WireFieldError[];
  path: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body as a JSON object; fails the test when it is not one. */
export function record(reply: Reply): Record<string, unknown> {
  if (!isRecord(reply.body)) throw new Error(`expected a JSON object, got ${JSON.stringify(reply.body)}`);
  return reply.body;
}

function asTicket(value: unknown): WireTicket {
  if (!isRecord(value) || typeof value['id'] !== 'number' || !Array.isArray(value['attachments'])) {
    throw new Error(`expected a Kinconecta ticket, got ${JSON.stringify(value)}`);
  }
  // The shape is the simulator's contract, checked field by field by the contract tests.
  return value as unknown as WireTicket;
}

/** The body as one ticket. */
export function ticketOf(reply: Reply): WireTicket {
  return asTicket(reply.body);
}

/** The body as a ticket list. */
export function ticketsOf(reply: Reply): WireTicket[] {
  if (!Array.isArray(reply.body)) throw new Error(`expected an array, got ${JSON.stringify(reply.body)}`);
  return reply.body.map(asTicket);
}

/** The body as a Spring error body. */
export function springOf(reply: Reply): SpringBody {
  const body = record(reply);
  if (typeof body['status'] !== 'number' || typeof body['path'] !== 'string') {
    throw new Error(`expected a Spring error body, got ${JSON.stringify(body)}`);
  }
  return body as unknown as SpringBody;
}

/** Every ticket of the simulator's list. */
export async function listAll(base: string): Promise<WireTicket[]> {
  return ticketsOf(await call(base, '/api/support-tickets'));
}

/** Calls the simulator with real HTTP. */
export async function call(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** A JSON POST. */
export function postJson(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return call(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The docs' example create request, verbatim. */
export const DOCS_CREATE = {
  roleContext: 'tourist',
  fullName: 'Ana Martinez',
  email: 'ana@example.com',
  subject: 'Question about tour cancellation',
  category: 'General Inquiry',
  message: 'What is your cancellation policy for tours booked less than 24 hours in advance?',
  status: 'open',
  createdAt: '2026-03-10T11:00:00Z',
  updatedAt: '2026-03-10T11:00:00Z',
};

/** A provider instance on `baseUrl`; `now` fixes the clock of its writes. */
export function kinconectaProvider(
  baseUrl: string,
  overrides: Partial<ResolvedInstanceConfig> = {},
  now?: () => Date,
): KinconectaProvider {
  const config: ResolvedInstanceConfig = {
    key: 'kinconecta',
    kind: 'kinconecta',
    name: 'Kinconecta',
    baseUrl,
    credentials: {},
    timeoutMs: 2_000,
    pageSize: KINCONECTA_PAGE_SIZE,
    maxResponseBytes: 4 * 1024 * 1024,
    ...overrides,
  };
  return new KinconectaProvider(config, now ? { now } : {});
}

async function rejected(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the promise to reject'),
    (error: unknown) => error,
  );
}

/** The `WriteRejection` a write rejects with (fails the test otherwise). */
export async function rejectionOf(promise: Promise<unknown>): Promise<WriteRejection> {
  const error = await rejected(promise);
  expect(error).toBeInstanceOf(WriteRejection);
  return error as WriteRejection;
}

/** The `UpstreamError` a call rejects with (fails the test otherwise). */
export async function upstreamErrorOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await rejected(promise);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}
