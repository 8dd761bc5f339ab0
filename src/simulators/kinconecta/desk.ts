import type { AgentDesk } from '../core/types.js';
import { KINCONECTA_STATUSES } from './types.js';
import type { KinconectaStore } from './store.js';

/** Why `reply` always fails: a Kinconecta ticket's only message is the one it was created with. */
export const NO_REPLIES = 'Kinconecta tickets cannot take replies';

/**
 * Kinconecta's support staff in their own back office (served at `/__sim/desk/...`). They
 * cannot answer in a ticket — the product keeps one message per ticket — but they move
 * tickets through the workflow (`open`, `in_progress`, `resolved`, `closed`), which bumps the
 * ticket's `updatedAt`. `clock` is the time of a change (epoch ms), the real clock by default.
 */
export function kinconectaDesk(store: KinconectaStore, clock: () => number = Date.now): AgentDesk {
  return {
    openTickets: () =>
      store
        .list()
        .filter((t) => t.status !== 'closed')
        .map((t) => String(t.id)),
    reply: () => {
      throw new Error(NO_REPLIES);
    },
    setStatus: (ticketId, status) => {
      if (!(KINCONECTA_STATUSES as readonly string[]).includes(status)) {
        throw new Error(
          `Invalid Kinconecta status "${status}": expected one of ${KINCONECTA_STATUSES.join(', ')}`,
        );
      }
      const id = /^\d{1,15}$/.test(ticketId) ? Number(ticketId) : undefined;
      if (id === undefined || !store.setStatus(id, status, clock())) {
        throw new Error(`Kinconecta ticket ${ticketId} not found`);
      }
    },
  };
}
