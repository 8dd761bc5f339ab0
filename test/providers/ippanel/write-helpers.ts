import { expect } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { ippanelKind, type IppanelProvider } from '../../../src/providers/ippanel/index.js';
import type { ResolvedInstanceConfig } from '../../../src/providers/provider.js';
import {
  WriteRejection,
  type AddMessageInput,
  type CreateTicketInput,
  type WriteRejectionKind,
} from '../../../src/providers/writes.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { TOKEN } from './helpers.js';

/** Route ids of the simulator's counters. */
export const ROUTES = {
  list: 'GET /v1/api/ticket',
  show: 'GET /v1/api/ticket/show',
  create: 'POST /v1/api/ticket',
  reply: 'POST /v1/api/ticket/interaction',
} as const;

/** Providers opened by a test file, closed after each test. */
export const opened: IppanelProvider[] = [];

/** An IPPanel provider instance over the simulator. */
export function ippanel(sim: RunningSimulator, patch: Partial<ResolvedInstanceConfig> = {}): IppanelProvider {
  const p = ippanelKind.create({
    key: 'ippanel-test',
    kind: 'ippanel',
    name: 'IPPanel test',
    baseUrl: sim.baseUrl,
    credentials: { token: TOKEN },
    timeoutMs: 2_000,
    pageSize: 100,
    maxResponseBytes: 1024 * 1024,
    ...patch,
  }) as IppanelProvider;
  opened.push(p);
  return p;
}

/** Closes what `ippanel` opened. */
export async function closeOpened(): Promise<void> {
  while (opened.length) await opened.pop()?.close();
}

/** A valid `createTicket` input (category 11, the docs' "System Questions"). */
export function newTicket(patch: Partial<CreateTicketInput> = {}): CreateTicketInput {
  return {
    subject: 'خط خدماتی جدید',
    body: 'لطفا راهنمایی کنید',
    category: { id: '11', name: 'System Questions' },
    priority: null,
    requester: null,
    attachmentUrls: [],
    files: [],
    ...patch,
  };
}

/** A valid `addMessage` input. */
export function newMessage(ticketRemoteId: string, patch: Partial<AddMessageInput> = {}): AddMessageInput {
  return { ticketRemoteId, body: 'Any news?', attachmentUrls: [], files: [], internal: false, ...patch };
}

/** A small file of the given name. */
export function file(name: string, bytes = 16): File {
  return new File([new Uint8Array(bytes)], name);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the write to be refused'),
    (error: unknown) => error,
  );
}

/** Awaits a refused write and checks it is a `WriteRejection` of `kind`. */
export async function rejection(
  promise: Promise<unknown>,
  kind: WriteRejectionKind,
): Promise<WriteRejection> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(WriteRejection);
  expect(error).toMatchObject({ kind, provider: 'ippanel-test' });
  return error as WriteRejection;
}

/** Awaits a failed write and checks it is an `UpstreamError` with `code`. */
export async function upstreamError(
  promise: Promise<unknown>,
  code: UpstreamError['code'],
): Promise<UpstreamError> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(UpstreamError);
  expect(error).toMatchObject({ code });
  return error as UpstreamError;
}
