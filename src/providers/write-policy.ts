import type { z } from 'zod';
import { UpstreamError, type UpstreamCode } from '../errors.js';
import type { UpstreamResponse } from './http.js';

/**
 * What a failed exchange with an upstream means, decided once for every provider: the
 * `UpstreamClient` (`http.ts`) says how far the exchange got, `failureCode` gives the code.
 * Providers do not re-classify transport failures; they only read the answers handed to them
 * (a 2xx in the wrong shape is `acceptedBody`'s, a refusal their own).
 *
 * | how far it got                                         | read                  | write                    |
 * | ------------------------------------------------------ | --------------------- | ------------------------ |
 * | not sent: connection refused, DNS failure              | UNAVAILABLE (retried) | UNAVAILABLE (not taken)  |
 * | not sent: connect timeout, deadline before a socket    | TIMEOUT               | UNAVAILABLE (not taken)  |
 * | status 401, 403                                        | AUTH                  | AUTH (not taken)         |
 * | status 429, 503: turned away before any work           | UNAVAILABLE           | UNAVAILABLE (not taken)  |
 * | status 500, 502, 504, any other 5xx                    | UNAVAILABLE           | OUTCOME_UNKNOWN          |
 * | sent, then reset or closed before a status             | UNAVAILABLE (retried) | OUTCOME_UNKNOWN          |
 * | sent, deadline passed waiting for the status           | TIMEOUT               | OUTCOME_UNKNOWN          |
 * | body cut off (any status)                              | UNAVAILABLE (retried) | OUTCOME_UNKNOWN          |
 * | deadline passed while reading the body (any status)    | TIMEOUT               | OUTCOME_UNKNOWN          |
 * | 2xx body too large or not JSON; not documented shape   | BAD_RESPONSE          | OUTCOME_UNKNOWN          |
 * | other status, its whole body too large or not JSON     | BAD_RESPONSE          | BAD_RESPONSE             |
 *
 * (codes without their `UPSTREAM_` prefix). A write is "not taken" (`performWrite` frees its
 * idempotency key, so a retry may write) only when the request surely never reached the
 * upstream or was turned away before any work. Everything after which it may have been saved
 * is `UPSTREAM_OUTCOME_UNKNOWN` ("check before retrying"); a write never answers
 * `UPSTREAM_TIMEOUT`. Writes are sent once; a read is sent once more after a lost connection,
 * never after a deadline or a status.
 */
export type FailedExchange =
  /** Nothing was written to a socket: refused, DNS, connect timeout, deadline while connecting or queued. */
  | { stage: 'not-sent'; timedOut: boolean }
  /** The request was (maybe partly) written and no status came back. */
  | { stage: 'no-status'; timedOut: boolean }
  /** A status the client layer answers for every provider (see `answersItself`). */
  | { stage: 'status'; status: number }
  /** A status for the provider to read came back, but its body could not be read. */
  | { stage: 'body'; status: number; problem: BodyProblem };

/** Why a body could not be read. */
export type BodyProblem = 'cut' | 'deadline' | 'too-large' | 'not-json';

/** Statuses that turn a request away before any work: a write answered so was not taken. */
const TURNED_AWAY = new Set([429, 503]);

const isAuth = (status: number): boolean => status === 401 || status === 403;
const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** Whether the client layer answers this status itself (401/403, 429, 5xx) instead of the provider. */
export function answersItself(status: number): boolean {
  return isAuth(status) || status === 429 || status >= 500;
}

/** The code of a failed exchange: the table above. */
export function failureCode(failure: FailedExchange, idempotent: boolean): UpstreamCode {
  return idempotent ? readCode(failure) : writeCode(failure);
}

/** Whether a read is sent again after this failure: a connection lost, never a deadline or an answer. */
export function retriesRead(failure: FailedExchange): boolean {
  if (failure.stage === 'not-sent' || failure.stage === 'no-status') return !failure.timedOut;
  return failure.stage === 'body' && failure.problem === 'cut';
}

function readCode(failure: FailedExchange): UpstreamCode {
  switch (failure.stage) {
    case 'not-sent':
    case 'no-status':
      return failure.timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE';
    case 'status':
      return isAuth(failure.status) ? 'UPSTREAM_AUTH' : 'UPSTREAM_UNAVAILABLE';
    case 'body':
      if (failure.problem === 'deadline') return 'UPSTREAM_TIMEOUT';
      return failure.problem === 'cut' ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
  }
}

function writeCode(failure: FailedExchange): UpstreamCode {
  switch (failure.stage) {
    case 'not-sent':
      return 'UPSTREAM_UNAVAILABLE';
    case 'no-status':
      return 'UPSTREAM_OUTCOME_UNKNOWN';
    case 'status':
      if (isAuth(failure.status)) return 'UPSTREAM_AUTH';
      return TURNED_AWAY.has(failure.status) ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_OUTCOME_UNKNOWN';
    case 'body':
      // A complete refusal the provider cannot read did no work; anything cut short, or a
      // success we cannot read, may have followed a write that happened.
      if (failure.problem === 'cut' || failure.problem === 'deadline') return 'UPSTREAM_OUTCOME_UNKNOWN';
      return isSuccess(failure.status) ? 'UPSTREAM_OUTCOME_UNKNOWN' : 'UPSTREAM_BAD_RESPONSE';
  }
}

/** A write that may or may not have happened: "check before retrying". */
export function outcomeUnknown(
  provider: string,
  detail: string,
  status?: number,
  cause?: unknown,
): UpstreamError {
  return new UpstreamError('UPSTREAM_OUTCOME_UNKNOWN', provider, detail, status, { cause });
}

/**
 * The data of a 2xx answer to a write, in the provider's documented `schema`. One that does
 * not fit shows the write was done without saying what it did: `UPSTREAM_OUTCOME_UNKNOWN`
 * (where a read's would be `UPSTREAM_BAD_RESPONSE`), so that nobody retries it blindly.
 */
export function acceptedBody<S extends z.ZodType>(
  schema: S,
  response: UpstreamResponse,
  provider: string,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const detail = `${what}: status ${response.status} with an answer not in the documented shape`;
  throw outcomeUnknown(provider, detail, response.status);
}

/** How to read the new state after a confirmed write. */
export interface AfterWrite<T> {
  provider: string;
  /** The write that was confirmed, for the log: "reply 7 on ticket 3". */
  what: string;
  /** Reads the new state (an idempotent read: the client already retries a dropped connection once). */
  reread: () => Promise<T>;
  /** The new state as the write's own answer shows it, where the answer holds all of it. */
  fallback?: () => T;
}

/**
 * The new state after a write the upstream confirmed, read back once. When that read fails,
 * the write still happened, so the read's error is not answered as it is: `NOT_FOUND`,
 * `UPSTREAM_UNAVAILABLE` or `UPSTREAM_TIMEOUT` would free the idempotency key and invite a
 * second write. The answer is the state the write's own answer shows where it holds all of
 * it (`fallback`: the write succeeds, and a replay of its key reads the state afresh), and
 * otherwise `UPSTREAM_OUTCOME_UNKNOWN`: without a state there is no success to answer, and
 * "check before retrying" is the one answer that never leads to a duplicate. A failure that
 * is no `UpstreamError` (a bug) is thrown as it is; `performWrite` logs it and records an
 * unknown outcome.
 */
export async function afterWrite<T>(step: AfterWrite<T>): Promise<T> {
  try {
    return await step.reread();
  } catch (error) {
    // Anything else is a bug: `performWrite` logs it, and records the write as outcome-unknown.
    if (!(error instanceof UpstreamError)) throw error;
    if (step.fallback) return step.fallback();
    const detail = `${step.what} was confirmed, but re-reading failed (${error.code}: ${error.detail})`;
    throw outcomeUnknown(step.provider, detail, undefined, error);
  }
}
