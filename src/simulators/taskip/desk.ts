import type { AgentDesk } from '../core/types.js';
import { TEAM } from './content.js';
import type { TaskipStore } from './store.js';
import { STATUS_WORDS, type SimPerson, type SimTicket } from './types.js';

/** TaskIP's status code of a closed ticket: the desk's open tickets are all the others. */
const CLOSED = 3;

/** Who answers a ticket nobody is assigned to: the docs' "Support Agent". */
const DESK_AGENT: SimPerson = TEAM.find((p) => p.id === 5) ?? { id: 5, name: 'Support Agent', email: '' };

const STATUS_HELP = STATUS_WORDS.map((word, code) => `${code} (${word})`).join(', ');

/**
 * TaskIP's team at work in TaskIP's own web app, next to the public API: a reply is a public
 * `team_member` reply by the ticket's assignee (or the support agent), a status change takes
 * TaskIP's integer code as text (`"0"`…`"4"`). Both bump the ticket's `updated_at`, as any
 * change does; TaskIP keeps no unread counters or last-message fields, and a reply leaves the
 * status alone (TaskIP's reply takes a status explicitly, so none is implied).
 */
export function taskipDesk(store: TaskipStore): AgentDesk {
  const ticketOf = (ticketId: string): SimTicket => {
    const ticket = store.byId(ticketId);
    if (!ticket) throw new Error(`taskip desk: no ticket with id ${JSON.stringify(ticketId)}`);
    return ticket;
  };
  return {
    openTickets: () =>
      [...store.data.tickets.values()]
        .filter((t) => t.status !== CLOSED)
        .sort((a, b) => a.id - b.id)
        .map((t) => String(t.id)),
    reply: (ticketId, body) => {
      const ticket = ticketOf(ticketId);
      if (body.trim() === '') throw new Error('taskip desk: a reply needs a non-blank body');
      store.addReply(ticket, body, null, false, assigneeOf(store, ticket) ?? DESK_AGENT);
    },
    setStatus: (ticketId, status) => {
      const ticket = ticketOf(ticketId);
      if (!/^[0-4]$/.test(status)) {
        throw new Error(`taskip desk: status must be one of ${STATUS_HELP}; got ${JSON.stringify(status)}`);
      }
      store.update(ticket, { status: Number(status) });
    },
  };
}

/** The team member the ticket is assigned to, who would be the one answering it. */
function assigneeOf(store: TaskipStore, ticket: SimTicket): SimPerson | undefined {
  if (ticket.assignedTo === null || !store.data.teamIds.has(ticket.assignedTo)) return undefined;
  return store.data.users.get(ticket.assignedTo);
}
