import type { TicketWriteMap } from '../writes.js';
import type { IppanelClient } from './client.js';
import { IppanelWriter } from './write-ops.js';

/**
 * The writes of an IPPanel instance: opening tickets and replying, each a multipart POST that
 * may carry one file (`IPPANEL_FILE_RULES`). IPPanel's API has no status or priority change,
 * assignment or delete.
 */
export function ippanelWrites(
  client: IppanelClient,
  key: string,
): Pick<TicketWriteMap, 'createTicket' | 'addMessage'> {
  const writer = new IppanelWriter(client, key);
  return {
    createTicket: (input) => writer.createTicket(input),
    addMessage: (input) => writer.addMessage(input),
  };
}
