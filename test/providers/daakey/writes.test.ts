import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DaakeyProvider } from '../../../src/providers/daakey/index.js';
import { WriteRejection, type CreateTicketInput } from '../../../src/providers/writes.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import type { FaultRule } from '../../../src/simulators/index.js';
import { CLIENT, SIZE, daakeyProvider, failureOf, firstWithStatus, startDaakey } from './helpers.js';

const CREATE = `POST ${CLIENT}/tickets`;
const MESSAGE = `POST ${CLIENT}/tickets/:ticket/messages`;
const DETAIL = `GET ${CLIENT}/tickets/:ticket`;
const PHOTO = 'https://cdn.example.com/damage/front.jpg';

let sim: RunningSimulator;
let p: DaakeyProvider;
beforeAll(async () => {
  sim = await startDaakey();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.controls.reset();
  sim.definition.resetData();
  p = daakeyProvider(sim);
});
afterEach(() => p.close());

const input = (overrides: Partial<CreateTicketInput> = {}): CreateTicketInput => ({
  subject: 'Vehicle not starting',
  body: 'The car does not start.',
  category: { id: 'vehicle_issue', name: 'Vehicle issue' },
  priority: 'URGENT',
  requester: null,
  attachmentUrls: [PHOTO],
  files: [],
  ...overrides,
});
const fault = (rule: FaultRule): void => sim.controls.addFault(rule);

async function rejected(promise: Promise<unknown>): Promise<WriteRejection> {
  const error = await failureOf(promise);
  expect(error).toBeInstanceOf(WriteRejection);
  return error as WriteRejection;
}

describe('createTicket', () => {
  it('creates the ticket once and returns it whole from the answer, without a re-read', async () => {
    const ticket = await p.writes.createTicket(input());
    expect(ticket).toMatchObject({
      remoteId: String(SIZE + 1),
      subject: 'Vehicle not starting',
      description: 'The car does not start.',
      status: 'OPEN',
      priority: 'URGENT',
      remotePriority: 'critical',
      category: 'vehicle_issue',
      unreadCount: 0,
    });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages![0]).toMatchObject({ body: 'The car does not start.', authorType: 'CUSTOMER' });
    expect(ticket.attachments!.map((a) => a.url)).toEqual([PHOTO]);
    expect(ticket.requester?.name).toBe(ticket.messages![0]!.author?.name);
    expect([sim.controls.requests(CREATE), sim.controls.requests(DETAIL)]).toEqual([1, 0]);
    expect((await p.listTickets({ filter: {}, page: 1 })).tickets[0]!.remoteId).toBe(ticket.remoteId);
  });

  it.each([
    ['LOW', 'low'],
    ['NORMAL', 'normal'],
    ['HIGH', 'high'],
    [null, 'normal'],
  ] as const)('sends priority %s as Daakey %s', async (priority, remote) => {
    expect((await p.writes.createTicket(input({ priority }))).remotePriority).toBe(remote);
  });

  it('re-reads the ticket when the answer holds no thread', async () => {
    fault({ route: CREATE, kind: 'status', status: 201, body: { success: true, data: { id: 5 } }, times: 1 });
    const ticket = await p.writes.createTicket(input());
    expect(ticket.remoteId).toBe('5');
    expect(ticket.messages?.length).toBeGreaterThan(0);
    expect(sim.controls.requests(DETAIL)).toBe(1);
  });

  it('refuses locally, with no upstream call, what Daakey would surely refuse', async () => {
    const error = await rejected(
      p.writes.createTicket(
        input({
          subject: '  ',
          body: '',
          category: null,
          priority: 'MEDIUM',
          files: [new File(['x'], 'a.png')],
        }),
      ),
    );
    expect(error).toMatchObject({ kind: 'VALIDATION', provider: 'daakey' });
    expect(error.message).toBe('The subject field is required. (and 4 more errors)');
    expect(error.fieldErrors).toEqual([
      { field: 'subject', message: 'The subject field is required.' },
      { field: 'body', message: 'The message field is required.' },
      { field: 'category', message: 'The category field is required.' },
      { field: 'priority', message: 'Daakey has no MEDIUM priority: use LOW, NORMAL, HIGH or URGENT.' },
      {
        field: 'files',
        message: 'Daakey takes attachments as URLs only (attachmentUrls); it has no file upload.',
      },
    ]);
    const long = await rejected(p.writes.createTicket(input({ subject: 'é'.repeat(256) })));
    expect(long.fieldErrors).toEqual([
      { field: 'subject', message: 'The subject field must not be greater than 255 characters.' },
    ]);
    expect(sim.controls.requests()).toBe(0);
    // 255 characters of two UTF-16 units each are still 255 characters for Daakey.
    expect((await p.writes.createTicket(input({ subject: '🚗'.repeat(255) }))).subject).toBe(
      '🚗'.repeat(255),
    );
  });

  it("maps Daakey's 422 field errors to unified fields, messages verbatim", async () => {
    const error = await rejected(
      p.writes.createTicket(input({ attachmentUrls: [PHOTO, 'ftp://files/x.jpg'] })),
    );
    expect(error).toMatchObject({
      kind: 'VALIDATION',
      message: 'The attachments.1 field must be a valid URL.',
    });
    expect(error.fieldErrors).toEqual([
      { field: 'attachmentUrls', message: 'The attachments.1 field must be a valid URL.' },
    ]);
    const errors = { message: ['متن پیام الزامی است.'], category: ['دسته نامعتبر است.'], booking_id: ['x'] };
    fault({ route: CREATE, kind: 'status', status: 422, body: { success: false, message: 'خطا', errors } });
    const persian = await rejected(p.writes.createTicket(input()));
    expect(persian.message).toBe('خطا');
    expect(persian.fieldErrors).toEqual([
      { field: 'body', message: 'متن پیام الزامی است.' },
      { field: 'category', message: 'دسته نامعتبر است.' },
      { field: 'booking_id', message: 'x' },
    ]);
    expect(sim.controls.requests(CREATE)).toBe(2);
  });
});

describe('addMessage', () => {
  const message = (ticketRemoteId: string, body = 'Thanks, it works now.') => ({
    ticketRemoteId,
    body,
    attachmentUrls: [PHOTO],
    files: [],
    internal: false,
  });

  it('adds the message once and returns it with the re-read ticket', async () => {
    const listed = await firstWithStatus(sim, 'in_progress');
    const { message: added, ticket } = await p.writes.addMessage(message(String(listed.id)));
    expect(added).toMatchObject({ body: 'Thanks, it works now.', authorType: 'CUSTOMER', internal: false });
    expect(added.attachments.map((a) => a.url)).toEqual([PHOTO]);
    expect(ticket).toMatchObject({ remoteId: String(listed.id), status: 'IN_PROGRESS', unreadCount: 0 });
    expect(ticket.messages!.at(-1)).toEqual(added);
    expect(ticket.lastMessageAt).toEqual(added.createdAt);
    expect([sim.controls.requests(MESSAGE), sim.controls.requests(DETAIL)]).toEqual([1, 1]);
  });

  it('reopens a resolved ticket: the returned ticket is OPEN', async () => {
    const listed = await firstWithStatus(sim, 'resolved');
    const { ticket } = await p.writes.addMessage(message(String(listed.id), 'It broke again.'));
    expect([ticket.status, ticket.remoteStatus]).toEqual(['OPEN', 'open']);
  });

  it('answers TICKET_CLOSED on a closed ticket and NOT_FOUND on an unknown one', async () => {
    const closed = await firstWithStatus(sim, 'closed');
    const refused = await rejected(p.writes.addMessage(message(String(closed.id))));
    expect(refused).toMatchObject({ kind: 'TICKET_CLOSED', message: 'Cannot add message to closed ticket' });
    expect(await rejected(p.writes.addMessage(message('999')))).toMatchObject({
      kind: 'NOT_FOUND',
      message: 'Ticket not found',
    });
    expect(sim.controls.requests(MESSAGE)).toBe(2);
    expect((await rejected(p.writes.addMessage(message('abc')))).kind).toBe('NOT_FOUND');
    expect(sim.controls.requests(MESSAGE)).toBe(2);
  });

  it('refuses internal notes and empty bodies locally, and maps upstream field errors', async () => {
    const note = await rejected(p.writes.addMessage({ ...message('1', ' '), internal: true }));
    expect(note.fieldErrors).toEqual([
      { field: 'internal', message: "Daakey's client API cannot post internal notes." },
      { field: 'body', message: 'The message field is required.' },
    ]);
    expect(sim.controls.requests()).toBe(0);
    const url = await rejected(p.writes.addMessage({ ...message('1'), attachmentUrls: ['not a url'] }));
    expect(url.fieldErrors).toEqual([
      { field: 'attachmentUrls', message: 'The attachments.0 field must be a valid URL.' },
    ]);
  });
});
