import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  postMultipart,
  resetAll,
  startTestGateway,
  startTestSimulators,
  type TestGateway,
} from '../support/gateway.js';

let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators, (c) => ({ ...c, timeoutMs: 600 }));
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => resetAll(simulators));

const RESULT = `
  __typename
  ... on Error { message code }
  ... on ValidationError { fieldErrors { field message } }
  ... on UnsupportedOperationError { provider operation }
`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  ${RESULT}
  ... on CreateTicketSuccess { ticket { id remoteId subject status priority category provider { key }
    messages { edges { node { body attachments { filename } } } } } }
} }`;
const ADD = `mutation($input: AddMessageInput!) { addMessage(input: $input) {
  ${RESULT}
  ... on AddMessageSuccess { addedMessage { id body internal authorType attachments { filename url }
    ticket { id status messages { totalCount } } } }
} }`;

interface Result {
  __typename: string;
  message?: string;
  code?: string;
  fieldErrors?: Array<{ field: string; message: string }>;
  provider?: string;
  operation?: string;
  ticket?: { id: string; remoteId: string; subject: string; status: string; category: string | null };
}
type CreateAnswer = { createTicket: Result };
type AddAnswer = {
  addMessage: Result & {
    addedMessage?: {
      id: string;
      body: string;
      internal: boolean;
      attachments: Array<{ filename: string | null; url: string }>;
      ticket: { id: string; status: string; messages: { totalCount: number } };
    };
  };
};

/** The first ticket of a provider with the given status, by global id. */
async function ticketWith(provider: string, status: string): Promise<string> {
  const res = await gw.query<{ tickets: { edges: Array<{ node: { id: string } }> } }>(
    'query($f: TicketFilter) { tickets(first: 1, filter: $f) { edges { node { id } } } }',
    { f: { providers: [provider], status: [status] } },
  );
  const id = res.data?.tickets.edges[0]?.node.id;
  if (!id) throw new Error(`no ${status} ticket at ${provider}`);
  return id;
}

/** Temporary upload folders left in the system's temp dir. */
function uploadDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('ticket-gateway-upload-'));
}

function writes(key: string, route: string): number {
  return gw.sim(key).controls.requests(route);
}

describe('createTicket', () => {
  it('creates at every provider that can, and the list shows the new ticket', async () => {
    const inputs = [
      {
        provider: 'daakey',
        subject: 'Door will not unlock',
        body: 'The app says unlocked but it is not.',
        category: 'vehicle_issue',
        priority: 'HIGH',
      },
      { provider: 'taskip', subject: 'Export to CSV fails', body: 'Timeout after 30s.', priority: 'MEDIUM' },
      {
        provider: 'kinconecta',
        subject: 'Cambio de fecha',
        body: '¿Puedo mover mi tour?',
        category: 'General Inquiry',
        requester: { name: 'Ana Martínez', email: 'ana@example.com' },
      },
      { provider: 'ippanel', subject: 'خط اختصاصی فعال نمی شود', body: 'لطفا بررسی کنید', category: '10' },
    ];
    for (const input of inputs) {
      const res = await gw.query<CreateAnswer>(CREATE, { input });
      expect(res.errors, input.provider).toBeUndefined();
      expect(res.data!.createTicket.__typename, JSON.stringify(res.data)).toBe('CreateTicketSuccess');
      const ticket = res.data!.createTicket.ticket!;
      expect(ticket.subject).toBe(input.subject);
      const list = await gw.query<{ tickets: { edges: Array<{ node: { id: string } }> } }>(
        'query($f: TicketFilter) { tickets(first: 100, filter: $f) { edges { node { id } } } }',
        { f: { providers: [input.provider] } },
      );
      expect(list.data!.tickets.edges.map((e) => e.node.id)).toContain(ticket.id);
    }
  });

  it('refuses an unknown category before any upstream call, naming known ones', async () => {
    const res = await gw.query<CreateAnswer>(CREATE, {
      input: { provider: 'daakey', subject: 'x', body: 'y', category: 'spaceship' },
    });
    expect(res.data!.createTicket).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
    });
    expect(res.data!.createTicket.fieldErrors![0]!.field).toBe('category');
    expect(writes('daakey', 'POST /api/v1/client/tickets')).toBe(0);
  });

  it("keeps the provider's own validation messages, Persian ones too", async () => {
    const res = await gw.query<CreateAnswer>(CREATE, {
      input: { provider: 'ippanel', subject: 'س'.repeat(300), body: 'متن', category: '10' },
    });
    const result = res.data!.createTicket;
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors!.some((e) => e.field === 'subject' && /[\u0600-\u06FF]/.test(e.message))).toBe(
      true,
    );
  });
});

describe('Provider.categories', () => {
  it("lists what each provider's createTicket accepts", async () => {
    const res = await gw.query<{
      providers: Array<{ key: string; categories: Array<{ id: string; name: string }> }>;
    }>('{ providers { key categories { id name } } }');
    expect(res.errors).toBeUndefined();
    const byKey = new Map(res.data!.providers.map((p) => [p.key, p.categories]));
    expect(byKey.get('daakey')!.map((c) => c.id)).toEqual(
      expect.arrayContaining(['vehicle_issue', 'billing']),
    );
    expect(byKey.get('ippanel')!).toEqual(
      expect.arrayContaining([{ id: '10', name: 'Plugins, Domains, API' }]),
    );
    expect(byKey.get('kinconecta')!.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Technical Issue', 'Billing']),
    );
    expect(byKey.get('taskip')).toEqual([]);
  });

  it('takes a category by name as well as by id', async () => {
    const res = await gw.query<CreateAnswer>(CREATE, {
      input: {
        provider: 'ippanel',
        subject: 'API key rotation',
        body: 'How do I rotate my key?',
        category: 'system questions',
      },
    });
    expect(res.data!.createTicket.__typename).toBe('CreateTicketSuccess');
    expect(res.data!.createTicket.ticket!.category).toBe('System Questions');
  });
});

describe('addMessage', () => {
  it('replies to a resolved Daakey ticket and returns it reopened', async () => {
    const ticketId = await ticketWith('daakey', 'RESOLVED');
    const res = await gw.query<AddAnswer>(ADD, { input: { ticketId, body: 'It happened again.' } });
    expect(res.errors).toBeUndefined();
    const result = res.data!.addMessage;
    expect(result.__typename).toBe('AddMessageSuccess');
    expect(result.addedMessage!.body).toBe('It happened again.');
    expect(result.addedMessage!.ticket.status).toBe('OPEN');
  });

  it('answers TicketClosedError for a closed Daakey ticket', async () => {
    const ticketId = await ticketWith('daakey', 'CLOSED');
    const res = await gw.query<AddAnswer>(ADD, { input: { ticketId, body: 'Hello?' } });
    expect(res.data!.addMessage).toMatchObject({ __typename: 'TicketClosedError', code: 'TICKET_CLOSED' });
  });

  it('answers UnsupportedOperationError for Kinconecta without any upstream call', async () => {
    const ticketId = await ticketWith('kinconecta', 'OPEN');
    gw.sim('kinconecta').controls.reset();
    const res = await gw.query<AddAnswer>(ADD, { input: { ticketId, body: 'Hola' } });
    expect(res.data!.addMessage).toMatchObject({
      __typename: 'UnsupportedOperationError',
      code: 'UNSUPPORTED_OPERATION',
      provider: 'kinconecta',
      operation: 'add messages',
    });
    expect(gw.sim('kinconecta').controls.requests()).toBe(0);
  });

  it('adds an internal note on TaskIP', async () => {
    const ticketId = await ticketWith('taskip', 'OPEN');
    const res = await gw.query<AddAnswer>(ADD, {
      input: { ticketId, body: 'Customer is a VIP.', internal: true },
    });
    expect(res.data!.addMessage.__typename).toBe('AddMessageSuccess');
    expect(res.data!.addMessage.addedMessage!.internal).toBe(true);
  });

  it('answers NotFoundError for a ticket the provider does not have', async () => {
    const ticketId = Buffer.from('Ticket:["daakey","999999"]').toString('base64');
    const res = await gw.query<AddAnswer>(ADD, { input: { ticketId, body: 'x' } });
    expect(res.data!.addMessage).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});

describe('files', () => {
  it('uploads a file to IPPanel through the multipart request spec', async () => {
    const ticketId = await ticketWith('ippanel', 'OPEN');
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'screen.png', {
      type: 'image/png',
    });
    const res = await postMultipart<AddAnswer>(
      gw.gateway.url,
      ADD,
      { input: { ticketId, body: 'See the screenshot', attachments: [null] } },
      { 'input.attachments.0': png },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.addMessage.__typename).toBe('AddMessageSuccess');
    expect(res.data!.addMessage.addedMessage!.attachments).toHaveLength(1);
    expect(writes('ippanel', 'POST /v1/api/ticket/interaction')).toBe(1);
  });

  it('streams a 10 MB upload through a temporary file, removed once answered', async () => {
    const ticketId = await ticketWith('ippanel', 'OPEN');
    const before = uploadDirs();
    const body = new Uint8Array(10 * 1024 * 1024).fill(7);
    const res = await postMultipart<AddAnswer>(
      gw.gateway.url,
      ADD,
      { input: { ticketId, body: 'Big archive', attachments: [null] } },
      { 'input.attachments.0': new File([body], 'archive.zip', { type: 'application/zip' }) },
    );
    expect(res.data!.addMessage.__typename).toBe('AddMessageSuccess');
    expect(res.data!.addMessage.addedMessage!.attachments).toHaveLength(1);
    expect(uploadDirs()).toEqual(before);
  });

  it('replays an upload with the same idempotency key without a second write', async () => {
    const ticketId = await ticketWith('ippanel', 'OPEN');
    const send = () =>
      postMultipart<AddAnswer>(
        gw.gateway.url,
        ADD,
        { input: { ticketId, body: 'Log attached', attachments: [null], idempotencyKey: 'upload-1' } },
        {
          'input.attachments.0': new File([new Uint8Array([1, 2, 3])], 'log.zip', {
            type: 'application/zip',
          }),
        },
      );
    const first = await send();
    const again = await send();
    expect(first.data!.addMessage.__typename).toBe('AddMessageSuccess');
    expect(again.data!.addMessage.addedMessage!.id).toBe(first.data!.addMessage.addedMessage!.id);
    expect(writes('ippanel', 'POST /v1/api/ticket/interaction')).toBe(1);
  });

  it('refuses an oversized or wrongly typed file before any upstream call', async () => {
    const ticketId = await ticketWith('ippanel', 'OPEN');
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'dump.zip', { type: 'application/zip' });
    const exe = new File([new Uint8Array(10)], 'tool.exe', { type: 'application/octet-stream' });
    for (const file of [big, exe]) {
      const res = await postMultipart<AddAnswer>(
        gw.gateway.url,
        ADD,
        { input: { ticketId, body: 'file', attachments: [null] } },
        { 'input.attachments.0': file },
      );
      expect(res.data!.addMessage.__typename).toBe('ValidationError');
      expect(res.data!.addMessage.fieldErrors![0]!.field).toBe('attachments[0]');
    }
    expect(writes('ippanel', 'POST /v1/api/ticket/interaction')).toBe(0);
  });

  it('cuts off an absurdly large upload while parsing it, before any resolver runs', async () => {
    const ticketId = await ticketWith('ippanel', 'OPEN');
    const huge = new File([new Uint8Array(17 * 1024 * 1024)], 'huge.zip', { type: 'application/zip' });
    const res = await postMultipart<AddAnswer>(
      gw.gateway.url,
      ADD,
      { input: { ticketId, body: 'file', attachments: [null] } },
      { 'input.attachments.0': huge },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(writes('ippanel', 'POST /v1/api/ticket/interaction')).toBe(0);
  });

  it('refuses a file for a provider that takes only URLs', async () => {
    const ticketId = await ticketWith('daakey', 'OPEN');
    const res = await postMultipart<AddAnswer>(
      gw.gateway.url,
      ADD,
      { input: { ticketId, body: 'file', attachments: [null] } },
      { 'input.attachments.0': new File(['x'], 'a.png', { type: 'image/png' }) },
    );
    expect(res.data!.addMessage).toMatchObject({ __typename: 'ValidationError' });
    expect(res.data!.addMessage.fieldErrors![0]!.field).toBe('attachments');
    const urls = await gw.query<AddAnswer>(ADD, {
      input: { ticketId, body: 'see link', attachmentUrls: ['https://files.example.com/a.png'] },
    });
    expect(urls.data!.addMessage.__typename).toBe('AddMessageSuccess');
    expect(urls.data!.addMessage.addedMessage!.attachments.map((a) => a.url)).toEqual([
      'https://files.example.com/a.png',
    ]);
  });
});

describe('consistent reads after writes', () => {
  it('serves the new state to the next mutation and query of the same operation', async () => {
    const ticketId = await ticketWith('daakey', 'OPEN');
    const res = await gw.query<{
      before: { messages: { totalCount: number } };
      one: { addedMessage: { ticket: { messages: { totalCount: number } } } };
      two: { addedMessage: { ticket: { messages: { totalCount: number } } } };
    }>(
      `mutation($id: ID!) {
        one: addMessage(input: { ticketId: $id, body: "first" }) {
          ... on AddMessageSuccess { addedMessage { ticket { messages { totalCount } } } } }
        two: addMessage(input: { ticketId: $id, body: "second" }) {
          ... on AddMessageSuccess { addedMessage { ticket { messages { totalCount } } } } }
      }`,
      { id: ticketId },
    );
    expect(res.errors).toBeUndefined();
    const first = res.data!.one.addedMessage.ticket.messages.totalCount;
    expect(res.data!.two.addedMessage.ticket.messages.totalCount).toBe(first + 1);
    const after = await gw.query<{ ticket: { messages: { totalCount: number } } }>(
      'query($id: ID!) { ticket(id: $id) { messages { totalCount } } }',
      { id: ticketId },
    );
    expect(after.data!.ticket.messages.totalCount).toBe(first + 1);
  });
});

describe('ticket updates', () => {
  const UPDATE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) {
    ${RESULT} ... on ${name[0]!.toUpperCase()}${name.slice(1)}Success { ticket { status priority } } } }`;

  it('changes status and priority, assigns and deletes on TaskIP', async () => {
    const ticketId = await ticketWith('taskip', 'OPEN');
    const status = await gw.query<{ updateTicketStatus: { ticket: { status: string } } }>(
      UPDATE('updateTicketStatus', 'UpdateTicketStatusInput'),
      { input: { ticketId, status: 'PENDING' } },
    );
    expect(status.data!.updateTicketStatus.ticket.status).toBe('PENDING');
    const priority = await gw.query<{ updateTicketPriority: { ticket: { priority: string } } }>(
      UPDATE('updateTicketPriority', 'UpdateTicketPriorityInput'),
      { input: { ticketId, priority: 'URGENT' } },
    );
    expect(priority.data!.updateTicketPriority.ticket.priority).toBe('URGENT');
    const badAssignee = await gw.query<{ assignTicket: { __typename: string } }>(
      UPDATE('assignTicket', 'AssignTicketInput'),
      { input: { ticketId, assigneeId: 'not-a-number' } },
    );
    expect(badAssignee.data!.assignTicket.__typename).toBe('ValidationError');
    const assign = await gw.query<{ assignTicket: { __typename: string } }>(
      UPDATE('assignTicket', 'AssignTicketInput'),
      { input: { ticketId, assigneeId: '8' } },
    );
    expect(assign.data!.assignTicket.__typename).toBe('AssignTicketSuccess');
    expect(writes('taskip', 'POST /api/public-v1/support-ticket/bulk-actions')).toBe(1);
    const del = await gw.query<{ deleteTicket: { __typename: string } }>(
      `mutation($input: DeleteTicketInput!) { deleteTicket(input: $input) { __typename } }`,
      { input: { ticketId } },
    );
    expect(del.data!.deleteTicket.__typename).toBe('DeleteTicketSuccess');
    const gone = await gw.query<{ ticket: null }>('query($id: ID!) { ticket(id: $id) { id } }', {
      id: ticketId,
    });
    expect(gone.data!.ticket).toBeNull();
  });

  it('refuses a status change Daakey cannot make, before any upstream call', async () => {
    const ticketId = await ticketWith('daakey', 'OPEN');
    gw.sim('daakey').controls.reset();
    const res = await gw.query<{ updateTicketStatus: Result }>(
      UPDATE('updateTicketStatus', 'UpdateTicketStatusInput'),
      {
        input: { ticketId, status: 'CLOSED' },
      },
    );
    expect(res.data!.updateTicketStatus).toMatchObject({
      __typename: 'UnsupportedOperationError',
      provider: 'daakey',
    });
    expect(gw.sim('daakey').controls.requests()).toBe(0);
  });
});

describe('nothing lost, nothing doubled', () => {
  const daakeyCreate = 'POST /api/v1/client/tickets';
  const input = (key: string, subject = 'Charged twice') => ({
    provider: 'daakey',
    subject,
    body: 'Two charges for one booking.',
    category: 'billing',
    idempotencyKey: key,
  });

  it('replays the same key and input without a second upstream write', async () => {
    const first = await gw.query<CreateAnswer>(CREATE, { input: input('k-1') });
    const second = await gw.query<CreateAnswer>(CREATE, { input: input('k-1') });
    expect(second.data!.createTicket.ticket!.id).toBe(first.data!.createTicket.ticket!.id);
    expect(writes('daakey', daakeyCreate)).toBe(1);
  });

  it('makes exactly one upstream write for concurrent duplicates', async () => {
    gw.sim('daakey').controls.setLatency({ route: daakeyCreate, ms: 150 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => gw.query<CreateAnswer>(CREATE, { input: input('k-2') })),
    );
    const ids = new Set(answers.map((a) => a.data!.createTicket.ticket!.id));
    expect(ids.size).toBe(1);
    expect(writes('daakey', daakeyCreate)).toBe(1);
  });

  it('refuses the same key with a different input', async () => {
    await gw.query<CreateAnswer>(CREATE, { input: input('k-3') });
    const other = await gw.query<CreateAnswer>(CREATE, { input: input('k-3', 'Another subject') });
    expect(other.data!.createTicket.__typename).toBe('ValidationError');
    expect(other.data!.createTicket.fieldErrors![0]!.field).toBe('idempotencyKey');
    expect(writes('daakey', daakeyCreate)).toBe(1);
  });

  it('answers UPSTREAM_OUTCOME_UNKNOWN when a write times out, never retries it, and replays that answer', async () => {
    gw.sim('daakey').controls.setLatency({ route: daakeyCreate, ms: 1_500 });
    const res = await gw.query<CreateAnswer>(CREATE, { input: input('k-4') });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'daakey' });
    const again = await gw.query<CreateAnswer>(CREATE, { input: input('k-4') });
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'daakey' });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(writes('daakey', daakeyCreate)).toBe(1);
  });

  it('treats a 500 after the upstream saved the write as UPSTREAM_OUTCOME_UNKNOWN, and replays that', async () => {
    gw.sim('daakey').controls.addFault({
      route: daakeyCreate,
      kind: 'status',
      status: 500,
      afterHandler: true,
      times: 1,
    });
    const res = await gw.query<CreateAnswer>(CREATE, { input: input('k-6', 'Saved, then a 500') });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'daakey' });
    const again = await gw.query<CreateAnswer>(CREATE, { input: input('k-6', 'Saved, then a 500') });
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'daakey' });
    expect(writes('daakey', daakeyCreate)).toBe(1);
    // It was saved: a blind retry without the key would have made a duplicate.
    const list = await gw.query<{ tickets: { edges: Array<{ node: { subject: string } }> } }>(
      '{ tickets(first: 100, filter: { providers: ["daakey"], search: "Saved, then" }) { edges { node { subject } } } }',
    );
    expect(list.data!.tickets.edges.map((e) => e.node.subject)).toEqual(['Saved, then a 500']);
  });

  it('answers UPSTREAM_OUTCOME_UNKNOWN when the connection drops during a write, without retrying', async () => {
    gw.sim('daakey').controls.addFault({ route: daakeyCreate, kind: 'reset' });
    const res = await gw.query<CreateAnswer>(CREATE, { input: input('k-5') });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'daakey' });
    expect(writes('daakey', daakeyCreate)).toBe(1);
  });
});
