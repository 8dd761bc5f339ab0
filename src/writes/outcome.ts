import type { FieldError } from '../providers/writes.js';
import type { StoredOutcome } from './idempotency.js';

/*
 * The expected refusals of a write. They are answers, not failures of the operation: the
 * schema presents each one as the member of a mutation's result union with the same name
 * (`src/schema/write-errors.ts`). Classes, so that the schema's errors plugin can tell them
 * apart by `instanceof`; `code` is stable, `message` is for people.
 */

/** The ticket, or the provider named by the input, does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}

/** The input was refused, by the gateway or by the provider (whose own messages are kept). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly code = 'VALIDATION_FAILED';

  constructor(
    readonly fieldErrors: FieldError[],
    message = 'The input is not valid.',
  ) {
    super(message);
  }
}

/** The ticket is closed and takes no more changes. */
export class TicketClosedError extends Error {
  override readonly name = 'TicketClosedError';
  readonly code = 'TICKET_CLOSED';
}

/** The provider cannot do this (its capabilities say so); nothing was sent to it. */
export class UnsupportedOperationError extends Error {
  override readonly name = 'UnsupportedOperationError';
  readonly code = 'UNSUPPORTED_OPERATION';

  constructor(
    readonly provider: string,
    readonly operation: string,
  ) {
    super(`Provider "${provider}" cannot ${operation}.`);
  }
}

/** Any expected refusal of a write. */
export type WriteError = NotFoundError | ValidationError | TicketClosedError | UnsupportedOperationError;

/** What a write that happened (or is replayed) is remembered as. */
export type WriteSuccess = Exclude<StoredOutcome, { type: 'rejection' } | { type: 'outcome-unknown' }>;

/**
 * How a write ended, when it ended in an answer: done (or replayed), or refused. Outages and
 * writes whose outcome is unknown are no answer: they are thrown, as `UpstreamError`s.
 */
export type WriteResult =
  { kind: 'success'; outcome: WriteSuccess } | { kind: 'rejected'; error: WriteError };
