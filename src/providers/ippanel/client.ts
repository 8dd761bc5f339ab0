import { FormData as UndiciFormData } from 'undici';
import type { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import type { UpstreamClient, UpstreamResponse } from '../http.js';
import { parseUpstream } from '../parse.js';
import { acceptedBody, outcomeUnknown } from '../write-policy.js';
import {
  rawError,
  rawInteractionCreated,
  rawListEnvelope,
  rawShowEnvelope,
  rawTicketCreated,
  type RawInteractionCreated,
  type RawError,
  type RawListEnvelope,
  type RawShow,
  type RawTicketCreated,
} from './raw.js';

/** Query of `GET /api/ticket`; filters left `undefined` are left out (an empty one is a 422). */
export interface IppanelListParams {
  page: number;
  per_page: number;
  username?: string;
  ticket_id?: number;
  category_id?: number;
  sub_category_id?: number;
  state_id?: number;
}

/** Fields of `POST /api/ticket`. */
export interface IppanelNewTicket {
  subject: string;
  /** A string of digits: IPPanel's form field is text. */
  categoryId: string;
  description: string;
  smsNotification: boolean;
  /** Appended as is, so undici streams it instead of us buffering up to 10 MB. */
  file?: File;
}

/**
 * A write's answer: the parsed success payload, or the refusal (any non-2xx the
 * `UpstreamClient` hands back) with IPPanel's error envelope when the body has that shape.
 */
export type WriteAnswer<T> = { ok: true; data: T } | { ok: false; status: number; error: RawError | null };

/** A multipart body in undici's own `FormData`, which its Pool serialises natively. */
function newForm(fields: Record<string, string>, file?: File): UndiciFormData {
  const form = new UndiciFormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', file, file.name);
  return form;
}

/**
 * The IPPanel REST routes the gateway uses, over `UpstreamClient`, answering parsed raw payloads.
 * 401/403/5xx are classified by `UpstreamClient`; this client reads the rest.
 */
export class IppanelClient {
  constructor(
    private readonly http: UpstreamClient,
    private readonly provider: string,
  ) {}

  /** `GET /api/ticket`: one page of the reseller's tickets. */
  async listTickets(params: IppanelListParams): Promise<RawListEnvelope> {
    const res = await this.http.request({
      method: 'GET',
      path: '/api/ticket',
      query: { ...params },
      idempotent: true,
    });
    return this.read(res, rawListEnvelope, 'ticket list');
  }

  /** `GET /api/ticket/show?ticket_id=`: one ticket with its interactions; 404 → `NOT_FOUND`. */
  async showTicket(ticketId: string): Promise<RawShow> {
    const res = await this.http.request({
      method: 'GET',
      path: '/api/ticket/show',
      query: { ticket_id: ticketId },
      idempotent: true,
    });
    if (res.status === 404) throw new UpstreamError('NOT_FOUND', this.provider, `ticket ${ticketId}`, 404);
    return this.read(res, rawShowEnvelope, 'ticket').data;
  }

  /** `POST /api/ticket/interaction` (multipart): a reply on a ticket. Sent once, never retried. */
  addInteraction(
    ticketId: string,
    description: string,
    file?: File,
  ): Promise<WriteAnswer<RawInteractionCreated>> {
    const form = newForm({ ticket_id: ticketId, description }, file);
    return this.write('/api/ticket/interaction', form, rawInteractionCreated, 'new interaction');
  }

  /** `POST /api/ticket` (multipart): opens a ticket. Sent once, never retried. */
  createTicket(input: IppanelNewTicket): Promise<WriteAnswer<RawTicketCreated>> {
    const fields = {
      subject: input.subject,
      category_id: input.categoryId,
      description: input.description,
      sms_notification: input.smsNotification ? '1' : '0',
    };
    return this.write('/api/ticket', newForm(fields, input.file), rawTicketCreated, 'new ticket');
  }

  /**
   * One POST with `idempotent: false`: what its failures mean is the client layer's to say
   * (`write-policy.ts`). A 2xx that does not parse, or says `meta.status` false, shows the
   * write reached IPPanel without saying what it did: `UPSTREAM_OUTCOME_UNKNOWN`.
   */
  private async write<T extends { meta: { status: boolean } }>(
    path: string,
    form: UndiciFormData,
    schema: z.ZodType<T>,
    what: string,
  ): Promise<WriteAnswer<T>> {
    const res = await this.http.request({ method: 'POST', path, form, idempotent: false });
    if (res.status < 200 || res.status >= 300) {
      const error = rawError.safeParse(res.body);
      return { ok: false, status: res.status, error: error.success ? error.data : null };
    }
    const data = acceptedBody(schema, res, this.provider, what);
    if (!data.meta.status) throw outcomeUnknown(this.provider, `${what}: meta.status false`, res.status);
    return { ok: true, data };
  }

  /** 2xx with `meta.status` true is parsed; anything else is a response the gateway cannot use. */
  private read<S extends z.ZodType>(res: UpstreamResponse, schema: S, what: string): z.output<S> {
    if (res.status >= 200 && res.status < 300) {
      const parsed = parseUpstream(schema, res.body, this.provider, what);
      if ((parsed as { meta?: { status?: boolean } }).meta?.status === false) {
        throw new UpstreamError(
          'UPSTREAM_BAD_RESPONSE',
          this.provider,
          `${what}: meta.status false`,
          res.status,
        );
      }
      return parsed;
    }
    const error = rawError.safeParse(res.body);
    const detail = error.success
      ? `${error.data.meta.message_code ?? ''} ${error.data.meta.message ?? ''} ${JSON.stringify(error.data.meta.errors ?? {})}`
      : 'unexpected body';
    throw new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      this.provider,
      `${what}: status ${res.status}: ${detail}`,
      res.status,
    );
  }
}
