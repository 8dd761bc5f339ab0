import { UpstreamError } from '../../../src/errors.js';
import type { Ticket } from '../../../src/providers/model.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import type { Category, CreateTicketInput } from '../../../src/providers/writes.js';

/*
 * The facts of each provider kind the contract suite needs, and nothing of their behaviour:
 * the simulator's route ids (its documented API), every write the kind has, and what its
 * answer to each write holds. The suites themselves are the same for every kind.
 */

/** What a test writes to: an OPEN ticket (every kind takes writes on one) and a category. */
export interface Target {
  ticketId: string;
  category: Category | null;
  /** Unique per test, in the subject or body a write sends, so its effect can be found. */
  tag: string;
}

/**
 * Where a write's new state comes from: `answer` (the write's answer holds it, nothing is
 * read after), `reread` (read back after the write), `reread-or-answer` (read back, and the
 * answer's own state stands in when that read fails).
 */
export type NewState = 'answer' | 'reread' | 'reread-or-answer';

/** One write of one kind, as the suites drive it. */
export interface WriteCase {
  kind: string;
  name: string;
  /** The simulator's route id the write is sent to. */
  route: string;
  run(p: TicketProvider, t: Target): Promise<unknown>;
  newState: NewState;
  /** Whether the write is visible upstream (read through the provider); absent where no read shows it. */
  landed?(p: TicketProvider, t: Target): Promise<boolean>;
}

/** One provider kind: its read routes, its writes, and a create input it accepts. */
export interface KindCase {
  kind: string;
  list: string;
  detail: string;
  create(t: Target): CreateTicketInput;
}

const TASKIP = '/api/public-v1/support-ticket';

export const KINDS: KindCase[] = [
  {
    kind: 'daakey',
    list: 'GET /api/v1/client/tickets',
    detail: 'GET /api/v1/client/tickets/:ticket',
    create: input,
  },
  { kind: 'ippanel', list: 'GET /v1/api/ticket', detail: 'GET /v1/api/ticket/show', create: input },
  {
    kind: 'taskip',
    list: `GET ${TASKIP}`,
    detail: `GET ${TASKIP}/:id`,
    create: (t) => input({ ...t, category: null }),
  },
  {
    kind: 'kinconecta',
    list: 'GET /api/support-tickets',
    detail: 'GET /api/support-tickets/:id',
    // Kinconecta requires a requester; IPPanel refuses one, the others do not send it.
    create: (t) => ({ ...input(t), requester: { name: 'Ana Contract', email: 'ana@example.com' } }),
  },
];

export function kindCase(kind: string): KindCase {
  const found = KINDS.find((k) => k.kind === kind);
  if (!found) throw new Error(`no kind ${kind}`);
  return found;
}

function input(t: Target): CreateTicketInput {
  return {
    subject: `Contract ${t.tag}`,
    body: `Opened by the contract suite (${t.tag}).`,
    category: t.category,
    priority: null,
    requester: null,
    attachmentUrls: [],
    files: [],
  };
}

/** A write of `p`, failing the test when the kind lacks it. */
function write<N extends keyof TicketProvider['writes']>(p: TicketProvider, name: N) {
  const call = p.writes[name];
  if (!call) throw new Error(`${p.kind} has no ${name}`);
  return call as NonNullable<TicketProvider['writes'][N]>;
}

const createTicket = (kind: string, route: string, newState: NewState): WriteCase => ({
  kind,
  name: 'createTicket',
  route,
  newState,
  run: (p, t) => write(p, 'createTicket')(kindCase(kind).create(t)),
  landed: async (p, t) => (await everyTicket(p)).some((ticket) => ticket.subject === `Contract ${t.tag}`),
});

const message = (kind: string, route: string, internal = false): WriteCase => ({
  kind,
  name: internal ? 'addMessage (internal)' : 'addMessage',
  route,
  newState: 'reread',
  run: (p, t) =>
    write(
      p,
      'addMessage',
    )({ ticketRemoteId: t.ticketId, body: `Reply ${t.tag}`, attachmentUrls: [], files: [], internal }),
  landed: async (p, t) =>
    (await ticketOf(p, t.ticketId)).messages?.some((m) => m.body === `Reply ${t.tag}`) ?? false,
});

/** Every write of every kind. */
export const WRITES: WriteCase[] = [
  createTicket('daakey', 'POST /api/v1/client/tickets', 'answer'),
  message('daakey', 'POST /api/v1/client/tickets/:ticket/messages'),
  createTicket('ippanel', 'POST /v1/api/ticket', 'reread'),
  message('ippanel', 'POST /v1/api/ticket/interaction'),
  createTicket('taskip', `POST ${TASKIP}`, 'reread-or-answer'),
  message('taskip', `POST ${TASKIP}/reply/:uuid`),
  message('taskip', `POST ${TASKIP}/:uuid/note-store`, true),
  {
    kind: 'taskip',
    name: 'updateStatus',
    route: `POST ${TASKIP}/status-update/:uuid`,
    newState: 'reread',
    run: (p, t) => write(p, 'updateStatus')(t.ticketId, 'RESOLVED'),
    landed: async (p, t) => (await ticketOf(p, t.ticketId)).status === 'RESOLVED',
  },
  {
    kind: 'taskip',
    name: 'updatePriority',
    route: `POST ${TASKIP}/:uuid/priority`,
    newState: 'reread',
    run: (p, t) => write(p, 'updatePriority')(t.ticketId, 'URGENT'),
    landed: async (p, t) => (await ticketOf(p, t.ticketId)).priority === 'URGENT',
  },
  {
    kind: 'taskip',
    name: 'assignTicket',
    route: `POST ${TASKIP}/bulk-actions`,
    newState: 'reread',
    // 8 is one of the simulator's team members; the unified ticket has no assignee to check.
    run: (p, t) => write(p, 'assignTicket')(t.ticketId, '8'),
  },
  {
    kind: 'taskip',
    name: 'deleteTicket',
    route: `DELETE ${TASKIP}/:id`,
    newState: 'answer',
    run: (p, t) => write(p, 'deleteTicket')(t.ticketId),
    landed: async (p, t) => {
      const [slot] = await p.getTickets([t.ticketId]);
      return slot instanceof UpstreamError && slot.code === 'NOT_FOUND';
    },
  },
  createTicket('kinconecta', 'POST /api/support-tickets', 'answer'),
];

/** Every ticket of `p`, walking its pages. */
export async function everyTicket(p: TicketProvider): Promise<Ticket[]> {
  const all: Ticket[] = [];
  for (let page = 1; ; page += 1) {
    const { tickets, hasMore } = await p.listTickets({ filter: {}, page });
    all.push(...tickets);
    if (!hasMore) return all;
  }
}

/** One ticket with its messages; fails the test when it cannot be read. */
export async function ticketOf(p: TicketProvider, id: string): Promise<Ticket> {
  const [slot] = await p.getTickets([id]);
  if (!slot || slot instanceof Error) throw slot ?? new Error(`no slot for ticket ${id}`);
  return slot;
}
