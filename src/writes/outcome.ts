import type { FieldError } from '../providers/writes.js';

/** The expected failures of a mutation, typed in the schema (each implements `Error`). */
export type WriteErrorShape =
  | { __typename: 'NotFoundError'; message: string; code: 'NOT_FOUND' }
  | { __typename: 'ValidationError'; message: string; code: 'VALIDATION_FAILED'; fieldErrors: FieldError[] }
  | { __typename: 'TicketClosedError'; message: string; code: 'TICKET_CLOSED' }
  | {
      __typename: 'UnsupportedOperationError';
      message: string;
      code: 'UNSUPPORTED_OPERATION';
      provider: string;
      operation: string;
    };

export function notFound(message: string): WriteErrorShape {
  return { __typename: 'NotFoundError', message, code: 'NOT_FOUND' };
}

export function invalid(fieldErrors: FieldError[], message = 'The input is not valid.'): WriteErrorShape {
  return { __typename: 'ValidationError', message, code: 'VALIDATION_FAILED', fieldErrors };
}

export function ticketClosed(message: string): WriteErrorShape {
  return { __typename: 'TicketClosedError', message, code: 'TICKET_CLOSED' };
}

export function unsupported(provider: string, operation: string): WriteErrorShape {
  return {
    __typename: 'UnsupportedOperationError',
    message: `Provider "${provider}" cannot ${operation}.`,
    code: 'UNSUPPORTED_OPERATION',
    provider,
    operation,
  };
}
