import type { TicketWriteMap } from '../writes.js';
import type { TaskipWriter } from './writer.js';

/** Every write: TaskIP's API has them all. */
type TaskipWrites = Pick<
  TicketWriteMap,
  'createTicket' | 'addMessage' | 'updateStatus' | 'updatePriority' | 'assignTicket' | 'deleteTicket'
>;

/**
 * The writes of a TaskIP instance, done by its `TaskipWriter`: every ticket route, replies and
 * (with `internal`) private notes, priority and status by uuid, and assignment through the bulk
 * `assign` action.
 */
export function taskipWrites(writer: TaskipWriter): TaskipWrites {
  return {
    /** `POST /support-ticket`; the requester is not sent (TaskIP wants a user id), the category is always null. */
    createTicket: (input) => writer.createTicket(input),
    /** A reply (`POST /reply/{uuid}`), or with `internal` a private note (`POST /{uuid}/note-store`). */
    addMessage: (input) => writer.addMessage(input),
    /** `POST /status-update/{uuid}` `{status:int}`. */
    updateStatus: (id, status) => writer.updateStatus(id, status),
    /** `POST /{uuid}/priority` `{priority:int}`. */
    updatePriority: (id, priority) => writer.updatePriority(id, priority),
    /** Bulk action `assign` for one ticket; `assigneeId` is a TaskIP team member id. */
    assignTicket: (id, assigneeId) => writer.assignTicket(id, assigneeId),
    /** `DELETE /support-ticket/{id}`. */
    deleteTicket: (id) => writer.deleteTicket(id),
  };
}
