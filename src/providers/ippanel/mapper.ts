import { UpstreamError } from '../../errors.js';
import type { Attachment, Message, Person, Ticket, TicketPriority, TicketStatus } from '../model.js';
import type { RawInteraction, RawListItem, RawShow, StateId } from './raw.js';

/**
 * `state.name` per `state_id`. Only `replied` (3) is in the docs; the other names are our
 * decision, derived from the documented labels.
 */
export const STATE_NAMES: Readonly<Record<StateId, string>> = {
  1: 'waiting_response',
  2: 'waiting_support',
  3: 'replied',
  4: 'closed',
  5: 'forwarded',
};

/** README table: state_id → unified status. */
export const STATUS_BY_STATE: Readonly<Record<StateId, TicketStatus>> = {
  1: 'OPEN',
  2: 'IN_PROGRESS',
  3: 'PENDING',
  4: 'CLOSED',
  5: 'IN_PROGRESS',
};

/** README table: importance → unified priority; an unknown importance maps to `null`. */
export const PRIORITY_BY_IMPORTANCE: Readonly<Record<string, TicketPriority>> = {
  low: 'LOW',
  normal: 'NORMAL',
  acute: 'HIGH',
};

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  pdf: 'application/pdf',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses IPPanel dates: `2025-01-01T10:00:00.000000Z` (list) and `2025-01-01 10:00:00` (show,
 * no zone: UTC per the README). Explicit so the host's time zone never leaks in.
 */
export function parseIppanelDate(text: string, provider: string): Date {
  const m = DATE.exec(text.trim());
  if (!m) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', provider, `unreadable date "${text}"`);
  const millis = (m[7] ?? '0').padEnd(3, '0').slice(0, 3);
  const zone = m[8] === undefined || m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${millis}${zone}`);
  if (Number.isNaN(date.getTime())) {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', provider, `unreadable date "${text}"`);
  }
  return date;
}

function optionalDate(text: string | null | undefined, provider: string): Date | null {
  return text ? parseIppanelDate(text, provider) : null;
}

function priorityOf(importance: string | null | undefined): TicketPriority | null {
  return importance ? (PRIORITY_BY_IMPORTANCE[importance] ?? null) : null;
}

/** The show route names the state; `state_id` wins when present, the name is the fallback. */
function stateOf(raw: RawShow, provider: string): StateId {
  if (raw.state_id) return raw.state_id;
  const entry = Object.entries(STATE_NAMES).find(([, name]) => name === raw.state);
  if (!entry)
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', provider, `unknown state "${String(raw.state)}"`);
  return Number(entry[0]) as StateId;
}

function person(name: string | null | undefined, id: number | null | undefined): Person | null {
  if (!name && id == null) return null;
  return { name: name ?? null, email: null, remoteId: id == null ? null : String(id) };
}

/** An attachment from a bare URL: the file name and type come from the URL's last segment. */
export function mapAttachment(remoteId: string, url: string, createdAt: Date | null): Attachment {
  const last = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
  const filename = last === '' ? null : decodeURIComponent(last);
  const ext = filename?.includes('.') ? filename.split('.').pop()?.toLowerCase() : undefined;
  return { remoteId, url, filename, mimeType: (ext && MIME_BY_EXT[ext]) || null, size: null, createdAt };
}

/** A list item: the fields the list carries; messages, attachments and lastMessageAt are not loaded. */
export function mapListItem(raw: RawListItem, provider: string): Ticket {
  return {
    providerKey: provider,
    remoteId: String(raw.id),
    reference: String(raw.ticket_id ?? raw.id),
    subject: raw.subject,
    description: raw.desc ?? null,
    status: STATUS_BY_STATE[raw.state_id],
    remoteStatus: raw.state?.name ?? STATE_NAMES[raw.state_id],
    priority: priorityOf(raw.importance),
    remotePriority: raw.importance ?? null,
    category: raw.category?.name ?? null,
    requester: person(raw.user?.uname, raw.user?.user_id ?? raw.user_id),
    // IPPanel has only seen-flags, never a count of unread replies.
    unreadCount: null,
    lastMessageAt: undefined,
    createdAt: parseIppanelDate(raw.created_at, provider),
    updatedAt: optionalDate(raw.updated_at, provider),
    messages: undefined,
    attachments: undefined,
    raw,
  };
}

/** A reply: `agent_id` set → AGENT, else CUSTOMER; `private` → internal note. */
export function mapInteraction(raw: RawInteraction, provider: string): Message {
  const createdAt = parseIppanelDate(raw.created_at, provider);
  const agent = raw.agent_id != null;
  const remoteId = String(raw.id);
  return {
    remoteId,
    body: raw.description ?? '',
    author: agent ? person(raw.agent_username, raw.agent_id) : person(raw.username, undefined),
    authorType: agent ? 'AGENT' : 'CUSTOMER',
    internal: raw.private === true || raw.private === 1,
    attachments: raw.attachment ? [mapAttachment(remoteId, raw.attachment, createdAt)] : [],
    createdAt,
  };
}

/** Messages in time order: the ticket's `description` (remoteId `opening`) first, then the replies. */
function messagesOf(raw: RawShow, requester: Person | null, createdAt: Date, provider: string): Message[] {
  const opening: Message = {
    remoteId: 'opening',
    body: raw.description ?? '',
    author: requester,
    authorType: 'CUSTOMER',
    internal: false,
    attachments: raw.attachment ? [mapAttachment('opening', raw.attachment, createdAt)] : [],
    createdAt,
  };
  const replies = (raw.interactions ?? [])
    .map((i) => mapInteraction(i, provider))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || Number(a.remoteId) - Number(b.remoteId));
  return [opening, ...replies];
}

/** The show route's ticket with every field, messages and attachments. */
export function mapShow(raw: RawShow, provider: string): Ticket {
  const state = stateOf(raw, provider);
  const createdAt = parseIppanelDate(raw.created_at, provider);
  const requester = person(raw.user?.uname ?? raw.username, raw.user?.user_id ?? raw.user_id);
  const messages = messagesOf(raw, requester, createdAt, provider);
  return {
    providerKey: provider,
    remoteId: String(raw.id),
    reference: String(raw.ticket_id ?? raw.id),
    subject: raw.subject,
    description: raw.description ?? null,
    status: STATUS_BY_STATE[state],
    remoteStatus: raw.state ?? STATE_NAMES[state],
    priority: priorityOf(raw.importance),
    remotePriority: raw.importance ?? null,
    category: raw.category ?? null,
    requester,
    unreadCount: null,
    lastMessageAt: messages.at(-1)?.createdAt ?? createdAt,
    createdAt,
    updatedAt: optionalDate(raw.updated_at, provider),
    messages,
    attachments: messages.flatMap((m) => m.attachments),
    raw,
  };
}
