import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import { capabilitiesOf } from '../../../src/providers/provider.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { NOW, list, start } from './helpers.js';
import { ROUTES, configure, createInput } from './write-helpers.js';

let sim: RunningSimulator;
let provider: ReturnType<typeof configure>;

beforeEach(async () => {
  sim = await start({ size: 40 });
  provider = configure(sim);
});
afterEach(async () => {
  await provider.close();
  await sim.close();
});

/** The ticket as a fresh read sees it. */
async function read(id: string): Promise<Ticket> {
  const [ticket] = await provider.getTickets([id]);
  if (!(ticket && !(ticket instanceof Error))) throw new Error(`ticket ${id} not readable`);
  return ticket;
}

describe('capabilities and categories', () => {
  it('lists exactly the writes TaskIP can do: no uploads, no attachment URLs', () => {
    expect(capabilitiesOf(provider).sort()).toEqual(
      [
        'LIST_TICKETS',
        'READ_TICKET',
        'READ_MESSAGES',
        'CREATE_TICKET',
        'ADD_MESSAGE',
        'UPDATE_STATUS',
        'UPDATE_PRIORITY',
        'ASSIGN_TICKET',
        'DELETE_TICKET',
        'INTERNAL_NOTES',
      ].sort(),
    );
    expect(provider.features.uploadFiles).toBeUndefined();
  });

  it('has no categories (the create route takes none), without asking the upstream', async () => {
    expect(await provider.categories()).toEqual([]);
    expect(sim.controls.requests()).toBe(0);
  });
});

describe('createTicket', () => {
  it('creates an open ticket (priority 1 Normal by default) and returns it re-read, fully loaded', async () => {
    const ticket = await provider.writes.createTicket(createInput());
    expect(ticket).toMatchObject({
      providerKey: 'taskip-eu',
      remoteId: '41',
      subject: 'Webhook retries flood our endpoint',
      description: 'Every failed webhook is retried 50 times within a minute.',
      status: 'OPEN',
      remoteStatus: 'open',
      priority: 'NORMAL',
      category: null,
      // Without user_id the ticket's user is the key's owner.
      requester: { name: 'Admin User', email: 'admin@taskip.com', remoteId: '1' },
      createdAt: new Date(NOW),
    });
    expect(ticket.messages?.map((m) => [m.remoteId, m.body])).toEqual([
      ['opening', 'Every failed webhook is retried 50 times within a minute.'],
    ]);
    expect(ticket.attachments).toEqual([]);
    expect(sim.controls.requests(ROUTES.create)).toBe(1);
    expect(sim.controls.requests(ROUTES.detail)).toBe(1);
    expect((await list(sim))[0]).toMatchObject({ id: 41, priority: 1, status: 0 });
  });

  it('sends the priority as its integer', async () => {
    const ticket = await provider.writes.createTicket(createInput({ priority: 'URGENT' }));
    expect(ticket).toMatchObject({ priority: 'URGENT', remotePriority: 'urgent' });
    expect((await list(sim))[0]).toMatchObject({ id: 41, priority: 4 });
  });
});

describe('addMessage', () => {
  it('replies as the key owner; the answer and the re-read ticket show the new message last', async () => {
    const before = await read('7');
    const { message, ticket } = await provider.writes.addMessage({
      ticketRemoteId: '7',
      body: 'We have rolled out a fix, please try again.',
      attachmentUrls: [],
      files: [],
      internal: false,
    });
    expect(message).toMatchObject({
      body: 'We have rolled out a fix, please try again.',
      author: { name: 'Admin User' },
      authorType: 'AGENT',
      internal: false,
      attachments: [],
    });
    expect(message.remoteId).toMatch(/^\d+$/);
    expect(ticket.messages).toHaveLength((before.messages?.length ?? 0) + 1);
    expect(ticket.messages?.at(-1)).toEqual(message);
    expect(ticket.lastMessageAt).toEqual(message.createdAt);
    expect(sim.controls.requests(ROUTES.reply)).toBe(1);
  });

  it('stores an internal note as a private team-member message', async () => {
    const { message, ticket } = await provider.writes.addMessage({
      ticketRemoteId: '7',
      body: 'Customer is on the legacy plan, check limits first.',
      attachmentUrls: [],
      files: [],
      internal: true,
    });
    expect(message).toMatchObject({ authorType: 'AGENT', internal: true, author: { name: 'Admin User' } });
    expect(ticket.messages?.at(-1)).toEqual(message);
    expect(sim.controls.requests(ROUTES.note)).toBe(1);
    expect(sim.controls.requests(ROUTES.reply)).toBe(0);
  });
});

describe('status, priority, assignment, deletion', () => {
  it('updateStatus sends the integer code and returns the new status; the list shows it', async () => {
    const ticket = await provider.writes.updateStatus('7', 'PENDING');
    expect(ticket).toMatchObject({ remoteId: '7', status: 'PENDING', remoteStatus: 'pending' });
    expect(ticket.messages).toBeDefined();
    const page = await provider.listTickets({ filter: {}, page: 1 });
    expect(page.tickets.find((t) => t.remoteId === '7')?.status).toBe('PENDING');
    expect(sim.controls.requests(ROUTES.status)).toBe(1);
  });

  it('updatePriority sends the integer code and returns the new priority', async () => {
    const ticket = await provider.writes.updatePriority('7', 'HIGH');
    expect(ticket).toMatchObject({ remoteId: '7', priority: 'HIGH', remotePriority: 'high' });
    expect((await read('7')).priority).toBe('HIGH');
    expect(sim.controls.requests(ROUTES.priority)).toBe(1);
  });

  it('assignTicket assigns through the bulk route; the upstream filter by assignee finds it', async () => {
    const assignedBefore = (await list(sim, 'assigned_to=11&limit=100')).map((t) => t.id);
    const target = [7, 8, 9, 10].find((id) => !assignedBefore.includes(id));
    expect(target).toBeDefined();
    const ticket = await provider.writes.assignTicket(String(target), '11');
    expect(ticket.remoteId).toBe(String(target));
    expect((await list(sim, 'assigned_to=11&limit=100')).map((t) => t.id)).toContain(target);
    expect(sim.controls.requests(ROUTES.bulk)).toBe(1);
  });

  it('deleteTicket removes the ticket', async () => {
    await expect(provider.writes.deleteTicket('7')).resolves.toBeUndefined();
    const [gone] = await provider.getTickets(['7']);
    expect(gone).toMatchObject({ code: 'NOT_FOUND' });
    expect(sim.controls.requests(ROUTES.delete)).toBe(1);
  });
});

describe('uuid lookup', () => {
  it('looks a ticket up once for two writes by uuid (then the re-reads keep it known)', async () => {
    await provider.writes.updateStatus('9', 'IN_PROGRESS');
    await provider.writes.updatePriority('9', 'LOW');
    await provider.writes.addMessage({
      ticketRemoteId: '9',
      body: 'x',
      attachmentUrls: [],
      files: [],
      internal: true,
    });
    // One lookup plus one re-read per write.
    expect(sim.controls.requests(ROUTES.detail)).toBe(1 + 3);
  });

  it('needs no lookup for a ticket a list page has shown', async () => {
    await provider.listTickets({ filter: {}, page: 1 });
    await provider.writes.updatePriority('9', 'MEDIUM');
    await provider.writes.updateStatus('9', 'RESOLVED');
    expect(sim.controls.requests(ROUTES.detail)).toBe(2);
  });

  it('shares one lookup between concurrent writes to one ticket', async () => {
    await Promise.all([
      provider.writes.updatePriority('9', 'URGENT'),
      provider.writes.updateStatus('9', 'OPEN'),
    ]);
    expect(sim.controls.requests(ROUTES.detail)).toBe(1 + 2);
  });
});
