import type { SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { CATEGORIES } from './content.js';
import { success, validationFailed } from './envelope.js';
import { listItem } from './render.js';
import { Checks, formField, messages } from './validate.js';
import type { SimTicket } from './types.js';
import type { IppanelStore } from './store.js';

/** Upload rules, as documented: zip/jpg/png, at most 10 MB (Laravel's `max:10240` kilobytes). */
export const FILE_TYPES = ['zip', 'jpg', 'png'] as const;
export const MAX_FILE_KB = 10 * 1024;
/** Decision: Laravel's usual `max:255` on the subject. */
export const MAX_SUBJECT = 255;

function extension(file: File | undefined): string | undefined {
  return file?.name.toLowerCase().split('.').pop();
}

/** Looks the ticket up for a reply; unknown → `exists` error, closed → refused (decision). */
function replyTarget(store: IppanelStore, c: Checks, id: number | undefined): SimTicket | undefined {
  if (id === undefined) return undefined;
  const ticket = store.find(id);
  if (!ticket) return void c.add('ticket_id', messages.invalid('ticket_id'));
  if (ticket.stateId === 4) return void c.add('ticket_id', messages.closed('ticket_id'));
  return ticket;
}

/**
 * `POST /api/ticket/interaction` (multipart): `ticket_id`, `description`, optional `file`.
 * A JSON body carries no form fields, so it fails as "required" like the form request would.
 */
function addInteraction(store: IppanelStore, req: SimRequest): SimResponse {
  const c = new Checks();
  const ticketId = c.requiredInt('ticket_id', formField(req.body, 'ticket_id'), Number.NEGATIVE_INFINITY);
  const description = c.requiredText('description', formField(req.body, 'description'));
  const file = c.optionalFile('file', formField(req.body, 'file'), FILE_TYPES, MAX_FILE_KB);
  const ticket = replyTarget(store, c, ticketId);
  if (!c.ok || ticket === undefined || description === undefined) return validationFailed(c.errors);
  const interaction = store.addInteraction(ticket, description, extension(file));
  return success({ interaction_id: interaction.id, ticket: listItem(ticket) });
}

/** `category_id` arrives as a string of digits and must name a known category. */
function readCategory(c: Checks, value: string | File | null | undefined): number | undefined {
  const text = c.requiredText('category_id', value);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) return void c.add('category_id', messages.numeric('category_id'));
  const id = Number(text.trim());
  if (!CATEGORIES.some((cat) => cat.id === id))
    return void c.add('category_id', messages.invalid('category_id'));
  return id;
}

/** `sms_notification` is required and must be "0" or "1" (decision: the docs give only those values). */
function readSmsFlag(c: Checks, value: string | File | null | undefined): 0 | 1 | undefined {
  const text = c.requiredText('sms_notification', value);
  if (text === undefined) return undefined;
  if (text !== '0' && text !== '1')
    return void c.add('sms_notification', messages.invalid('sms_notification'));
  return text === '1' ? 1 : 0;
}

/** `POST /api/ticket` (multipart): subject, category_id, description, sms_notification, optional file. */
function createTicket(store: IppanelStore, req: SimRequest): SimResponse {
  const c = new Checks();
  const subject = c.requiredText('subject', formField(req.body, 'subject'), MAX_SUBJECT);
  const categoryId = readCategory(c, formField(req.body, 'category_id'));
  const description = c.requiredText('description', formField(req.body, 'description'));
  const sms = readSmsFlag(c, formField(req.body, 'sms_notification'));
  const file = c.optionalFile('file', formField(req.body, 'file'), FILE_TYPES, MAX_FILE_KB);
  if (
    !c.ok ||
    subject === undefined ||
    categoryId === undefined ||
    description === undefined ||
    sms === undefined
  ) {
    return validationFailed(c.errors);
  }
  const ticket = store.create({
    subject,
    categoryId,
    description,
    smsNotification: sms,
    fileExt: extension(file),
  });
  return success({ ticket_id: ticket.id });
}

/** The write routes of the IPPanel ticket API. */
export function writeRoutes(store: IppanelStore): SimRoute[] {
  return [
    { method: 'POST', path: '/api/ticket/interaction', handler: (req) => addInteraction(store, req) },
    { method: 'POST', path: '/api/ticket', handler: (req) => createTicket(store, req) },
  ];
}
