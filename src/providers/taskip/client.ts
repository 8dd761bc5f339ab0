import { UpstreamError } from '../../errors.js';
import type { UpstreamClient, UpstreamResponse } from '../http.js';
import { parseUpstream } from '../parse.js';
import type { PriorityWord, SortField, StatusWord } from './codes.js';
import { TICKETS_PATH } from './codes.js';
import {
  rawErrorSchema,
  rawListEnvelopeSchema,
  rawTicketDetailSchema,
  type RawTicket,
  type RawTicketDetail,
} from './raw.js';

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
