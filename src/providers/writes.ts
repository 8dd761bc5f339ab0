import type { Message, Ticket, TicketPriority, TicketStatus } from './model.js';
import { fitFieldErrors, fitText } from './upstream-text.js';

/** A file to send upstream (the GraphQL multipart request's `File`). Read it with `stream()`. */
export type UploadFile = File;

/** `createTicket` in unified terms; the provider maps it to its own route and fields. */
export interface CreateTicketInput {
  subject: string;
  body: string;
  /** The category, already resolved by the gateway against `categories()`; null when not given. */
  category: Category | null;
  priority: TicketPriority | null;
  requester: { name: string | null; email: string | null } | null;
  attachmentUrls: string[];
  files: UploadFile[];
}

/** `addMessage` in unified terms. */
export interface AddMessageInput {
  ticketRemoteId: string;
  body: string;
  attachmentUrls: string[];
  files: UploadFile[];
  /** An internal note, visible to agents only. */
  internal: boolean;
}

/** A category a provider accepts when creating a ticket. */
export interface Category {
  id: string;
  name: string;
}

/** One field's error, in the provider's own words (Persian ones too). */
export interface FieldError {
  /** The unified input field (`subject`, `body`, `category`, `attachments`, …). */
  field: string;
  message: string;
}

/** The expected ways a write can be refused; each becomes an error type of the mutation's result union. */
export type WriteRejectionKind = 'NOT_FOUND' | 'VALIDATION' | 'TICKET_CLOSED';

/**
 * A write the provider refused for a reason the client can act on (as opposed to an outage,
 * which is an `UpstreamError`). Providers throw it from write methods. Its texts reach the
 * client, so they are fitted here, once for every provider (`fitText`: no control characters,
 * length-capped); each provider takes them only from its documented error fields, and the
 * gateway's secrets are redacted from them before they are answered or stored (`performWrite`).
 */
export class WriteRejection extends Error {
  override readonly name = 'WriteRejection';
  readonly fieldErrors: FieldError[];

  constructor(
    readonly kind: WriteRejectionKind,
    message: string,
    readonly provider: string,
    fieldErrors: readonly FieldError[] = [],
  ) {
    super(fitText(message) || 'The provider refused the write.');
    this.fieldErrors = fitFieldErrors(fieldErrors);
  }
}

/** Limits of the files a provider takes, checked before any upstream call. */
export interface FileRules {
  maxFiles: number;
  maxBytes: number;
  /** Lowercase extensions without the dot, e.g. `['zip', 'jpg', 'png']`. */
  extensions: readonly string[];
}

/**
 * Every write a provider may have, by name. A provider's `writes` holds the ones its API can do
 * (`Partial<TicketWriteMap>`): which are there is all the gateway needs to know, since
 * `capabilitiesOf` derives the write capabilities from it and a mutation whose write is absent
 * answers `UnsupportedOperationError` before any upstream call.
 *
 * Each is a standalone function (callable without its provider as `this`). Writes are sent
 * once: never retried (the `UpstreamClient` request is `idempotent: false`). Each returns the
 * new state, read fresh from the upstream where the write's answer lacks it. An expected
 * refusal is a `WriteRejection`; an outage an `UpstreamError`.
 */
export interface TicketWriteMap {
  createTicket: (input: CreateTicketInput) => Promise<Ticket>;
  addMessage: (input: AddMessageInput) => Promise<{ message: Message; ticket: Ticket }>;
  updateStatus: (ticketRemoteId: string, status: TicketStatus) => Promise<Ticket>;
  updatePriority: (ticketRemoteId: string, priority: TicketPriority) => Promise<Ticket>;
  assignTicket: (ticketRemoteId: string, assigneeId: string) => Promise<Ticket>;
  deleteTicket: (ticketRemoteId: string) => Promise<void>;
}

/** The name of a write, e.g. `addMessage`. */
export type WriteName = keyof TicketWriteMap;

/** The writes one provider has. */
export type TicketWrites = Partial<TicketWriteMap>;

/**
 * Facts about a provider's API that are no method of their own, each a capability when set.
 * Checked by the gateway before a write is sent (`src/writes/validate.ts`).
 */
export interface ProviderFeatures {
  /** The files a write may carry (UPLOAD_FILES); absent when the provider takes no files. */
  readonly uploadFiles?: FileRules;
  /** Attachments given as http(s) URLs (ATTACHMENT_URLS). */
  readonly attachmentUrls?: boolean;
  /** `addMessage` with `internal: true` writes a note only agents see (INTERNAL_NOTES). */
  readonly internalNotes?: boolean;
}
