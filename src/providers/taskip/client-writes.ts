import type { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../http.js';
import { TICKETS_PATH } from './codes.js';
import {
  rawAckSchema,
  rawNoteAnswerSchema,
  rawReplyAnswerSchema,
  rawStoredEnvelopeSchema,
  type RawNoteAnswer,
  type RawReplyAnswer,
  type RawTicket,
} from './raw.js';
import { writeRefusal } from './write-errors.js';

/** `POST /support-ticket`'s body, in TaskIP's words. */
export interface TaskipCreateBody {
  subject: string;
  priority: number;
  status: number;
  description: string;
}

const is2xx = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300;

/**
 * TaskIP's write routes. Every request is `idempotent: false`, so it is sent once and never
 * retried. An answer that shows the write happened but cannot be read (not JSON, too large,
 * not the documented shape, cut off while reading) is `UPSTREAM_OUTCOME_UNKNOWN`; a refusal
 * becomes a `WriteRejection` (see `write-errors.ts`).
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

  /** Sends the write once and reads a 2xx answer with `schema`; anything else is a refusal. */
  private async send<S extends z.ZodType>(
    req: Omit<UpstreamRequest, 'idempotent'>,
    schema: S,
    what: string,
  ): Promise<z.output<S>> {
    const res = await this.request(req, what);
    if (!is2xx(res.status)) throw writeRefusal(res, this.provider, what);
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return parsed.data;
    throw this.unknown(what, `status ${res.status} with an answer not in the documented shape`);
  }

  /**
   * The request, with failures after the upstream may have acted turned into
   * `UPSTREAM_OUTCOME_UNKNOWN`: the shared client already does so for a connection lost before
   * the answer; here also a 2xx (or unknown-status) body it could not read, and a deadline hit
   * while reading the body.
   */
  private async request(req: Omit<UpstreamRequest, 'idempotent'>, what: string): Promise<UpstreamResponse> {
    try {
      return await this.http.request({ ...req, idempotent: false });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const unreadable =
        error.code === 'UPSTREAM_BAD_RESPONSE' && (error.status === undefined || is2xx(error.status));
      if (unreadable || error.code === 'UPSTREAM_TIMEOUT') throw this.unknown(what, error.detail, error);
      throw error;
    }
  }

  private unknown(what: string, detail: string, cause?: unknown): UpstreamError {
    return new UpstreamError('UPSTREAM_OUTCOME_UNKNOWN', this.provider, `${what}: ${detail}`, undefined, {
      cause,
    });
  }
}

/** A uuid as one path segment (TaskIP's are plain, but they come from the upstream). */
function enc(uuid: string): string {
  return encodeURIComponent(uuid);
}
