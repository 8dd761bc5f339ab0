import { GraphQLError, isObjectType, type GraphQLInterfaceType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { codeFor, EDGE_ERROR_CODES, YOGA_ERROR_CODES } from '../../src/edge/error-codes.js';
import { ERROR_CODES } from '../../src/errors.js';
import {
  fitText,
  MAX_FIELD_ERRORS,
  MAX_TEXT_CHARS,
  REDACTED,
  secretRedactor,
} from '../../src/providers/upstream-text.js';
import { WriteRejection } from '../../src/providers/writes.js';
import { NODE_TYPES } from '../../src/schema/ids.js';
import { buildSchema } from '../../src/schema/index.js';

describe('the closed set of error codes', () => {
  it("is the gateway's codes and yoga's, each once", () => {
    expect(new Set(EDGE_ERROR_CODES).size).toBe(EDGE_ERROR_CODES.length);
    expect([...EDGE_ERROR_CODES].sort()).toEqual([...ERROR_CODES, ...YOGA_ERROR_CODES].sort());
  });

  it.each([
    [
      'Variable "$f" got invalid value "x"; Int cannot represent non-integer value: "x"',
      { http: { status: 400 } },
      'BAD_USER_INPUT',
    ],
    ['Variable "$f" of required type "Int!" was not provided.', {}, 'BAD_USER_INPUT'],
    ['Syntax Error: Expected Name, found <EOF>.', {}, 'GRAPHQL_PARSE_FAILED'],
    ['Unknown operation named "Nope".', { http: { status: 400 } }, 'OPERATION_RESOLUTION_FAILURE'],
    [
      'Must provide operation name if query contains multiple operations.',
      {},
      'OPERATION_RESOLUTION_FAILURE',
    ],
    ['Required CSRF header(s) not present', { http: { status: 403 } }, 'FORBIDDEN'],
    ['Who are you?', { http: { status: 401 } }, 'UNAUTHENTICATED'],
    ['Too big', { http: { status: 413 } }, 'REQUEST_ENTITY_TOO_LARGE'],
    ['Not acceptable', { http: { status: 406 } }, 'BAD_REQUEST'],
    ['Something odd about the request', {}, 'BAD_REQUEST'],
  ] as const)('codeFor(%j) is %s', (message, extensions, code) => {
    expect(codeFor(new GraphQLError(message, { extensions }))).toBe(code);
  });

  it('a field that failed without a code is the gateway’s fault', () => {
    expect(codeFor(new GraphQLError('Cannot return null for non-nullable field', { path: ['x'] }))).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });
});

describe('node ids', () => {
  it('NODE_TYPES is exactly the types implementing Node', () => {
    const schema = buildSchema();
    const node = schema.getType('Node') as GraphQLInterfaceType;
    const implementing = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && t.getInterfaces().includes(node))
      .map((t) => t.name);
    expect([...NODE_TYPES].sort()).toEqual(implementing.sort());
  });
});

describe('provider-written texts', () => {
  it('are cut to MAX_TEXT_CHARS characters (code points), without control characters', () => {
    expect(fitText('a\u0000b\u001bc\u007f\td\ne')).toBe('a b c \td\ne');
    const long = fitText('😀'.repeat(2 * MAX_TEXT_CHARS));
    expect(Array.from(long)).toHaveLength(MAX_TEXT_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(fitText('x'.repeat(10_000_000)).length).toBe(MAX_TEXT_CHARS);
  });

  it('a WriteRejection keeps at most MAX_FIELD_ERRORS field errors, each fitted', () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({
      field: `f${i}${'x'.repeat(1000)}`,
      message: 'm'.repeat(9999),
    }));
    const rejection = new WriteRejection('VALIDATION', '', 'taskip', errors);
    expect(rejection.message).toBe('The provider refused the write.');
    expect(rejection.fieldErrors).toHaveLength(MAX_FIELD_ERRORS);
    expect(
      rejection.fieldErrors.every((e) => e.field.length <= 100 && e.message.length <= MAX_TEXT_CHARS),
    ).toBe(true);
  });
});

describe('secretRedactor', () => {
  const redact = secretRedactor(['s3cr/et+key', 'abc', 's3cr/et+key-longer']);

  it('replaces a secret as sent, JSON-escaped or URL-encoded, longest first', () => {
    expect(redact('a s3cr/et+key-longer b')).toBe(`a ${REDACTED} b`);
    expect(redact('x=s3cr%2Fet%2Bkey&y')).toBe(`x=${REDACTED}&y`);
    expect(redact(JSON.stringify({ k: 'say "s3cr/et+key"' }))).not.toContain('s3cr');
  });

  it('leaves secrets too short to be one alone, and texts without any unchanged', () => {
    expect(redact('abc is fine')).toBe('abc is fine');
    expect(secretRedactor([])('anything')).toBe('anything');
  });
});
