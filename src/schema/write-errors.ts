import type { FieldError } from '../providers/writes.js';
import type { WriteErrorShape } from '../writes/outcome.js';
import { builder, isTyped } from './builder.js';

type Shape<N extends WriteErrorShape['__typename']> = Extract<WriteErrorShape, { __typename: N }>;

const ErrorInterface = builder.interfaceRef<WriteErrorShape>('Error').implement({
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

/** An error type with only the `Error` fields. */
function errorType<N extends 'NotFoundError' | 'TicketClosedError'>(name: N, description: string) {
  return builder.objectRef<Shape<N>>(name).implement({
    description,
    interfaces: [ErrorInterface],
    isTypeOf: isTyped(name),
    fields: () => ({}),
  });
}

export const NotFoundErrorRef = errorType('NotFoundError', 'The ticket (or provider) does not exist.');
export const TicketClosedErrorRef = errorType(
  'TicketClosedError',
  'The ticket is closed and takes no more changes; open a new one.',
);
export const ValidationErrorRef = builder.objectRef<Shape<'ValidationError'>>('ValidationError').implement({
  description: 'The input was refused, by the gateway or by the provider (its own messages are kept).',
  interfaces: [ErrorInterface],
  isTypeOf: isTyped('ValidationError'),
  fields: (t) => ({ fieldErrors: t.expose('fieldErrors', { type: [FieldErrorRef] }) }),
});
export const UnsupportedOperationErrorRef = builder
  .objectRef<Shape<'UnsupportedOperationError'>>('UnsupportedOperationError')
  .implement({
    description: 'The provider cannot do this (see `Provider.capabilities`); nothing was sent to it.',
    interfaces: [ErrorInterface],
    isTypeOf: isTyped('UnsupportedOperationError'),
    fields: (t) => ({ provider: t.exposeString('provider'), operation: t.exposeString('operation') }),
  });

/** Every error type, for mutation result unions. */
export const WRITE_ERROR_TYPES = [
  NotFoundErrorRef,
  ValidationErrorRef,
  TicketClosedErrorRef,
  UnsupportedOperationErrorRef,
];
