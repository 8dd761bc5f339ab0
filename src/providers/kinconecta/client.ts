import { UpstreamError } from '../../errors.js';
import { UpstreamClient, type UpstreamResponse } from '../http.js';
import { parseUpstream } from '../parse.js';
import { acceptedBody } from '../write-policy.js';
import type { ProviderInstanceConfig } from '../provider.js';
import {
  rawErrorSchema,
  rawTicketListSchema,
  rawTicketSchema,
  type RawCreateTicket,
  type RawError,
  type RawTicket,
} from './raw.js';

const COLLECTION = '/api/support-tickets';

/** The answer to a create: the created ticket, or Kinconecta's validation failure. */
export type CreateOutcome = { kind: 'created'; ticket: RawTicket } | { kind: 'invalid'; error: RawError };

/**
 * The Kinconecta REST client: one method per route, returning parsed raw payloads. A `token`
 * credential, when configured, is sent as a bearer token (the docs show no authentication).
 */
export class KinconectaClient {
  private readonly http: UpstreamClient;

  constructor(private readonly config: ProviderInstanceConfig) {
    const token = config.credentials['token'];
    this.http = new UpstreamClient({
      provider: config.key,
      baseUrl: config.baseUrl,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    });
  }

  /** `GET /api/support-tickets`: every ticket, in the upstream's order (id ascending). */
  async listTickets(): Promise<RawTicket[]> {
    const res = await this.http.request({ method: 'GET', path: COLLECTION, idempotent: true });
    this.expect(res, [200], 'ticket list');
    return parseUpstream(rawTicketListSchema, res.body, this.config.key, 'ticket list');
  }

  /** `GET /api/support-tickets/{id}`; 404 is `NOT_FOUND`. */
  async getTicket(id: string): Promise<RawTicket> {
    const res = await this.http.request({
      method: 'GET',
      path: `${COLLECTION}/${encodeURIComponent(id)}`,
      idempotent: true,
    });
    if (res.status === 404) throw new UpstreamError('NOT_FOUND', this.config.key, `ticket ${id}`, 404);
    this.expect(res, [200], `ticket ${id}`);
    return parseUpstream(rawTicketSchema, res.body, this.config.key, `ticket ${id}`);
  }

  /**
   * `POST /api/support-tickets`, sent once (never retried). The simulator answers 201; any 2xx
   * is accepted, since the docs only say "returns the created support ticket", and one that is
   * not a ticket is `UPSTREAM_OUTCOME_UNKNOWN` (`acceptedBody`). A 400 with field errors is
   * returned for the caller to map; any other refusal is `UPSTREAM_BAD_RESPONSE`. What a failure
   * of the exchange itself means is the client layer's to say (`write-policy.ts`).
   */
  async createTicket(input: RawCreateTicket): Promise<CreateOutcome> {
    const res = await this.http.request({ method: 'POST', path: COLLECTION, json: input, idempotent: false });
    if (res.status >= 200 && res.status < 300) {
      return {
        kind: 'created',
        ticket: acceptedBody(rawTicketSchema, res, this.config.key, 'created ticket'),
      };
    }
    const error = rawErrorSchema.safeParse(res.body);
    if (res.status === 400 && error.success && error.data.errors?.length) {
      return { kind: 'invalid', error: error.data };
    }
    return this.refuse(res, 'created ticket');
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** Any status other than the expected ones is a response the gateway cannot use. */
  private expect(res: UpstreamResponse, statuses: number[], what: string): void {
    if (!statuses.includes(res.status)) this.refuse(res, what);
  }

  private refuse(res: UpstreamResponse, what: string): never {
    const error = rawErrorSchema.safeParse(res.body);
    const detail = error.success ? describe(error.data) : 'no Spring error body';
    throw new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      this.config.key,
      `${what}: status ${res.status}: ${detail}`,
      res.status,
    );
  }
}

function describe(error: RawError): string {
  const fields = (error.errors ?? []).map((e) => `${e.field}: ${e.defaultMessage ?? e.code ?? 'invalid'}`);
  return [error.message ?? error.error ?? '', ...fields].filter(Boolean).join('; ');
}
