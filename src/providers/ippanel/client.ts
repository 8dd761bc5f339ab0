import { FormData as UndiciFormData } from 'undici';
import type { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import type { UpstreamClient, UpstreamResponse } from '../http.js';
import { parseUpstream } from '../parse.js';
import {
  rawError,
  rawInteractionCreated,
  rawListEnvelope,
  rawShowEnvelope,
  rawTicketCreated,
  type RawInteractionCreated,
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

/** An upload for the multipart routes. */
export interface IppanelFile {
  name: string;
  type: string;
  data: Uint8Array<ArrayBuffer>;
}

/** Fields of `POST /api/ticket`. */
export interface IppanelNewTicket {
  subject: string;
  categoryId: number;
  description: string;
  smsNotification: boolean;
  file?: IppanelFile;
}

/**
 * A multipart body for `UpstreamClient`. It must be undici 7's own `FormData`: its Pool
 * brand-checks the class and cannot serialise Node 20's global one (from the bundled undici).
 */
function newForm(fields: Record<string, string>, file?: IppanelFile): FormData {
  const form = new UndiciFormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', new Blob([file.data], { type: file.type }), file.name);
  return form as unknown as FormData;
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

  /** `POST /api/ticket/interaction` (multipart): a reply on a ticket. Never retried. */
  async addInteraction(
    ticketId: string,
    description: string,
    file?: IppanelFile,
  ): Promise<RawInteractionCreated> {
    const form = newForm({ ticket_id: ticketId, description }, file);
    const res = await this.http.request({
      method: 'POST',
      path: '/api/ticket/interaction',
      form,
      idempotent: false,
    });
    return this.read(res, rawInteractionCreated, 'new interaction');
  }

  /** `POST /api/ticket` (multipart): opens a ticket; `category_id` is sent as a string of digits. */
  async createTicket(input: IppanelNewTicket): Promise<RawTicketCreated> {
    const fields = {
      subject: input.subject,
      category_id: String(input.categoryId),
      description: input.description,
      sms_notification: input.smsNotification ? '1' : '0',
    };
    const form = newForm(fields, input.file);
    const res = await this.http.request({ method: 'POST', path: '/api/ticket', form, idempotent: false });
    return this.read(res, rawTicketCreated, 'new ticket');
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
