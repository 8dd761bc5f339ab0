import { UpstreamError } from '../../errors.js';
import type { UpstreamClient, UpstreamResponse } from '../http.js';
import { parseUpstream } from '../parse.js';
import {
  rawDetailResponse,
  rawError,
  rawListResponse,
  type RawCreateBody,
  type RawDetail,
  type RawListItem,
  type RawListResponse,
  type RawMessageBody,
} from './raw.js';

/** Where the client API lives below the configured host. */
const BASE = '/api/v1/client';

/** One page request of `GET /tickets`. */
export interface ListRequest {
  status?: RawListItem['status'];
  page: number;
  perPage: number;
}

/**
 * The Daakey client API's ticket routes over an `UpstreamClient` (which adds the bearer token
 * and agency signature). Answers are parsed at the edge into the raw types.
 */
export class DaakeyClient {
  constructor(
    private readonly http: UpstreamClient,
    private readonly providerKey: string,
  ) {}

  /** `GET /tickets?status&page&per_page`: one page, newest first, with pagination meta. */
  async listTickets(req: ListRequest): Promise<RawListResponse> {
    const response = await this.http.request({
      method: 'GET',
      path: `${BASE}/tickets`,
      query: { status: req.status, page: req.page, per_page: req.perPage },
      idempotent: true,
    });
    return parseUpstream(
      rawListResponse,
      this.expect(response, 'ticket list', false),
      this.providerKey,
      'ticket list',
    );
  }

  /** `GET /tickets/{ticket}`: the ticket with booking and thread (marks its messages read upstream). */
  async getTicket(id: string): Promise<RawDetail> {
    const response = await this.http.request({
      method: 'GET',
      path: `${BASE}/tickets/${encodeURIComponent(id)}`,
      idempotent: true,
    });
    const body = this.expect(response, `ticket ${id}`, true);
    return parseUpstream(rawDetailResponse, body, this.providerKey, `ticket ${id}`).data;
  }

  /**
   * `POST /tickets`, sent once. The answer is returned as is (2xx or a refusal) for the
   * write's caller to interpret; failures are the client layer's (see `send`).
   */
  createTicket(body: RawCreateBody): Promise<UpstreamResponse> {
    return this.send(`${BASE}/tickets`, body);
  }

  /** `POST /tickets/{ticket}/messages`, sent once; the answer is returned as is. */
  addMessage(id: string, body: RawMessageBody): Promise<UpstreamResponse> {
    return this.send(`${BASE}/tickets/${encodeURIComponent(id)}/messages`, body);
  }

  /**
   * One write, never retried. What its failures mean (not taken, or outcome unknown) is the
   * client layer's to say, for every provider alike (`write-policy.ts`); a 2xx whose body is
   * not Daakey's is `acceptedData`'s.
   */
  private send(path: string, json: RawCreateBody | RawMessageBody): Promise<UpstreamResponse> {
    return this.http.request({ method: 'POST', path, json, idempotent: false });
  }

  /**
   * The body of a 200. A 404 is NOT_FOUND only where it names a missing ticket: on the list it
   * means the route itself is missing (a wrong base URL), which is a bad response.
   */
  private expect(response: UpstreamResponse, what: string, missingTicket: boolean): unknown {
    if (response.status === 200) return response.body;
    const error = rawError.safeParse(response.body);
    const message = error.success ? error.data.message : 'no Daakey error body';
    if (response.status === 404 && missingTicket) {
      throw new UpstreamError('NOT_FOUND', this.providerKey, `${what}: ${message}`, 404);
    }
    throw new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      this.providerKey,
      `${what}: unexpected status ${response.status}: ${message}`,
      response.status,
    );
  }
}
