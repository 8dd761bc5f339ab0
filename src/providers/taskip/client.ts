import { UpstreamError } from '../../errors.js';
import type { UpstreamClient, UpstreamResponse, UpstreamRequest } from '../http.js';
import { parseUpstream } from '../parse.js';
import {
  TICKETS_PATH,
  rawErrorSchema,
  rawListEnvelopeSchema,
  rawTicketDetailSchema,
  rawAckSchema,
  rawNoteAnswerSchema,
  rawReplyAnswerSchema,
  rawStoredEnvelopeSchema,
  type PriorityWord,
  type SortField,
  type StatusWord,
  type RawTicket,
  type RawTicketDetail,
  type RawNoteAnswer,
  type RawReplyAnswer,
} from './raw.js';
import type { z } from 'zod';
import { acceptedBody } from '../write-policy.js';
import { writeRefusal } from './write-answers.js';

/** The list query, in TaskIP's words; undefined filters are left out of the URL. */
export interface TaskipListQuery {
  page: number;
  limit: number;
  sort: SortField;
  order: 'asc' | 'desc';
  search?: string;
  status?: StatusWord;
  priority?: PriorityWord;
  /** `YYYY-MM-DD`, inclusive. */
  date_from?: string;
  /** `YYYY-MM-DD`, inclusive. */
  date_to?: string;
}

/**
 * TaskIP's REST routes over the shared `UpstreamClient` (which owns auth headers, deadline,
 * 401/429/5xx classification). Returns parsed raw payloads; mapping is the provider's job.
 */
export class TaskipClient {
  constructor(
    private readonly http: UpstreamClient,
    /** The instance key errors are attributed to. */
    private readonly provider: string,
  ) {}

  /** `GET /support-ticket`: one page of items (no pagination meta). */
  async listTickets(query: TaskipListQuery): Promise<RawTicket[]> {
    const res = await this.http.request({
      method: 'GET',
      path: TICKETS_PATH,
      query: { ...query },
      idempotent: true,
    });
    this.expect(res, 200, 'list');
    return parseUpstream(rawListEnvelopeSchema, res.body, this.provider, 'ticket list').data;
  }

  /** `GET /support-ticket/{id}`: the ticket with its replies; 404 → NOT_FOUND. */
  async getTicket(id: string): Promise<RawTicketDetail> {
    // Only numeric ids exist upstream; anything else would change the path, so it is not sent.
    if (!/^\d+$/.test(id))
      throw new UpstreamError('NOT_FOUND', this.provider, `ticket id ${JSON.stringify(id)}`);
    const res = await this.http.request({ method: 'GET', path: `${TICKETS_PATH}/${id}`, idempotent: true });
    if (res.status === 404) throw new UpstreamError('NOT_FOUND', this.provider, `ticket ${id}`, 404);
    this.expect(res, 200, `ticket ${id}`);
    return parseUpstream(rawTicketDetailSchema, res.body, this.provider, `ticket ${id}`);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** Any status but the expected one is an answer the gateway cannot use (e.g. a 422 means a bug here). */
  private expect(res: UpstreamResponse, status: number, what: string): void {
    if (res.status === status) return;
    const parsed = rawErrorSchema.safeParse(res.body);
    const reason = parsed.success ? (parsed.data.message ?? parsed.data.error ?? '') : '';
    const fields = parsed.success && parsed.data.errors ? ` ${JSON.stringify(parsed.data.errors)}` : '';
    throw new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      this.provider,
      `${what}: unexpected status ${res.status} ${reason}${fields}`.trim(),
      res.status,
    );
  }
}

/** `POST /support-ticket`'s body, in TaskIP's words. */
export interface TaskipCreateBody {
  subject: string;
  priority: number;
  status: number;
  description: string;
}

/**
 * TaskIP's write routes. Every request is `idempotent: false`, so it is sent once and never
 * retried; what its failures mean is `write-policy.ts`'s, as for every provider. A refusal
 * becomes a `WriteRejection` (see `write-answers.ts`).
 */
export class TaskipWriteClient {
  constructor(
    private readonly http: UpstreamClient,
    /** The instance key errors are attributed to. */
    private readonly provider: string,
  ) {}

  /** `POST /support-ticket`: the created item. */
  async createTicket(body: TaskipCreateBody): Promise<RawTicket> {
    const req = { method: 'POST', path: TICKETS_PATH, json: body } as const;
    return (await this.send(req, rawStoredEnvelopeSchema, 'create')).data;
  }

  /** `POST /support-ticket/reply/{uuid}` `{description}`: the reply as answered. */
  async reply(uuid: string, description: string): Promise<RawReplyAnswer> {
    const req = {
      method: 'POST',
      path: `${TICKETS_PATH}/reply/${enc(uuid)}`,
      json: { description },
    } as const;
    return (await this.send(req, rawReplyAnswerSchema, 'reply')).reply;
  }

  /** `POST /support-ticket/{uuid}/note-store` `{note}`: the note as answered. */
  async storeNote(uuid: string, note: string): Promise<RawNoteAnswer> {
    const req = { method: 'POST', path: `${TICKETS_PATH}/${enc(uuid)}/note-store`, json: { note } } as const;
    return (await this.send(req, rawNoteAnswerSchema, 'note')).note;
  }

  /** `POST /support-ticket/status-update/{uuid}` `{status:int}`. */
  async updateStatus(uuid: string, status: number): Promise<void> {
    const req = {
      method: 'POST',
      path: `${TICKETS_PATH}/status-update/${enc(uuid)}`,
      json: { status },
    } as const;
    await this.send(req, rawAckSchema, 'status update');
  }

  /** `POST /support-ticket/{uuid}/priority` `{priority:int}`. */
  async updatePriority(uuid: string, priority: number): Promise<void> {
    const req = {
      method: 'POST',
      path: `${TICKETS_PATH}/${enc(uuid)}/priority`,
      json: { priority },
    } as const;
    await this.send(req, rawAckSchema, 'priority update');
  }

  /** `POST /support-ticket/bulk-actions` `assign` for one ticket (the only assign route of the new API). */
  async assign(id: number, assignedTo: number): Promise<void> {
    const json = { ticket_ids: [id], action: 'assign', parameters: { assigned_to: assignedTo } };
    await this.send({ method: 'POST', path: `${TICKETS_PATH}/bulk-actions`, json }, rawAckSchema, 'assign');
  }

  /** `DELETE /support-ticket/{id}`. */
  async deleteTicket(id: number): Promise<void> {
    await this.send({ method: 'DELETE', path: `${TICKETS_PATH}/${id}` }, rawAckSchema, 'delete');
  }

  /**
   * Sends the write once and reads a 2xx answer with `schema` (`acceptedBody`: one not in the
   * documented shape is `UPSTREAM_OUTCOME_UNKNOWN`); anything else is a refusal. What a failure
   * of the exchange itself means is the client layer's to say (`write-policy.ts`).
   */
  private async send<S extends z.ZodType>(
    req: Omit<UpstreamRequest, 'idempotent'>,
    schema: S,
    what: string,
  ): Promise<z.output<S>> {
    const res = await this.http.request({ ...req, idempotent: false });
    if (res.status < 200 || res.status >= 300) throw writeRefusal(res, this.provider, what);
    return acceptedBody(schema, res, this.provider, what);
  }
}

/** A uuid as one path segment (TaskIP's are plain, but they come from the upstream). */
function enc(uuid: string): string {
  return encodeURIComponent(uuid);
}
