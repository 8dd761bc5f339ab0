import type { z } from 'zod';
import type { UpstreamClient, UpstreamRequest } from '../http.js';
import { acceptedBody } from '../write-policy.js';
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

/**
 * TaskIP's write routes. Every request is `idempotent: false`, so it is sent once and never
 * retried; what its failures mean is `write-policy.ts`'s, as for every provider. A refusal
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
