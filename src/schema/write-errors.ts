import type { FieldError } from '../providers/writes.js';
import {
  NotFoundError,
  TicketClosedError,
  UnsupportedOperationError,
  ValidationError,
  type WriteError,
} from '../writes/outcome.js';
import { builder } from './builder.js';

/*
 * The GraphQL face of the writes' expected refusals (`src/writes/outcome.ts`): one object type
 * per error class, registered with the class itself so that the errors plugin resolves a
 * returned or thrown refusal to its type by `instanceof`.
 */

const ErrorInterface = builder.interfaceRef<WriteError>('Error').implement({
  description: 'An expected failure of a mutation. `code` is stable; `message` is for people.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: "One input field's problem, in the provider's own words where it said it.",
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field, e.g. `subject` or `attachments[0]`.' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The ticket (or provider) does not exist.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(TicketClosedError, {
  name: 'TicketClosedError',
  description: 'The ticket is closed and takes no more changes; open a new one.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused, by the gateway or by the provider (its own messages are kept).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.expose('fieldErrors', { type: [FieldErrorRef] }) }),
});

builder.objectType(UnsupportedOperationError, {
  name: 'UnsupportedOperationError',
  description: 'The provider cannot do this (see `Provider.capabilities`); nothing was sent to it.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ provider: t.exposeString('provider'), operation: t.exposeString('operation') }),
});

/**
 * Every refusal class, for mutation result unions: classes, not refs, because the errors
 * plugin takes a union's function members as the errors it resolves.
 */
export const WRITE_ERROR_TYPES = [
  NotFoundError,
  ValidationError,
  TicketClosedError,
  UnsupportedOperationError,
];
