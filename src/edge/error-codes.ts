import { GraphQLError, type ExecutionResult } from 'graphql';
import {
  handleStreamOrSingleExecutionResult,
  isAsyncIterable,
  mapAsyncIterator,
  type Plugin,
} from 'graphql-yoga';
import { ERROR_CODES } from '../errors.js';
import { secretRedactor, type Redact } from '../providers/upstream-text.js';

/**
 * The codes yoga itself answers with: `GRAPHQL_PARSE_FAILED` (the document is not GraphQL),
 * `GRAPHQL_VALIDATION_FAILED` (it does not fit the schema, or an operation limit),
 * `BAD_REQUEST` (the HTTP request is malformed: body, method, parameters),
 * `REQUEST_ENTITY_TOO_LARGE` (body or upload over its limit), `OPERATION_RESOLUTION_FAILURE`
 * (`operationName` names no operation of the document) and `INTERNAL_SERVER_ERROR` (an
 * unexpected failure, masked: "Unexpected error.").
 */
export const YOGA_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'REQUEST_ENTITY_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
  'INTERNAL_SERVER_ERROR',
] as const;

/**
 * The closed set of `extensions.code` values of every error in every answer (HTTP, SSE and
 * WebSocket): the gateway's own (`ERROR_CODES`) and yoga's (`YOGA_ERROR_CODES`). Every error
 * carries exactly one of them; `useErrorCodes` gives one to any error that has none (or one
 * outside the set). Mutation results' typed errors (`ValidationError.code` …) are data, not
 * errors, and have their own codes.
 */
export const EDGE_ERROR_CODES = [...ERROR_CODES, ...YOGA_ERROR_CODES] as const;
export type EdgeErrorCode = (typeof EDGE_ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(EDGE_ERROR_CODES);

// yoga's hook payload types, which its index does not export.
type Hooks = Required<Plugin>;
type RequestParser = NonNullable<Parameters<Hooks['onRequestParse']>[0]['requestParser']>;
type Answer = Parameters<Hooks['onResultProcess']>[0]['result'];

export interface ErrorCodeOptions {
  /** Configured credentials (provider secrets, API keys): never part of an answer. */
  secrets: readonly string[];
}

/** Variable coercion: `Variable "$x" got invalid value …`, `… was not provided.`, and its cap. */
const VARIABLE_COERCION = /^(Variable "\$|Too many errors processing variables)/;
/** graphql-js's words when `operationName` (or its absence) picks no operation. */
const UNRESOLVED_OPERATION =
  /^(Must provide an operation|Must provide operation name|Unknown operation named)/;

/** The code of an error that has none, or one outside the set: from what the error is. */
export function codeFor(error: GraphQLError): EdgeErrorCode {
  // graphql's own words first: its executor marks these HTTP 400 without a code.
  if (error.message.startsWith('Syntax Error:')) return 'GRAPHQL_PARSE_FAILED';
  if (VARIABLE_COERCION.test(error.message)) return 'BAD_USER_INPUT';
  if (UNRESOLVED_OPERATION.test(error.message)) return 'OPERATION_RESOLUTION_FAILURE';
  // Pothos refuses ids and arguments it cannot use with this class: the client's input.
  if (error.originalError?.name === 'PothosValidationError') return 'BAD_USER_INPUT';
  const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number') {
    if (status === 401) return 'UNAUTHENTICATED';
    if (status === 403) return 'FORBIDDEN';
    if (status === 413) return 'REQUEST_ENTITY_TOO_LARGE';
    return status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  }
  // With a path it failed while resolving a field: the gateway's fault. Without, the request's.
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

/** Duck-typed: with a second copy of graphql loaded (CommonJS beside ESM), `instanceof` fails. */
function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof GraphQLError || Object.prototype.toString.call(value) === '[object GraphQLError]';
}

/** Replaces secrets in every string of an extensions value (same object when none was there). */
function redactValue(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const redacted = entries.map(([k, v]) => [k, redactValue(v, redact, depth + 1)] as const);
  if (redacted.every(([, v], i) => v === entries[i]![1])) return value;
  return Array.isArray(value) ? redacted.map(([, v]) => v) : Object.fromEntries(redacted);
}

/**
 * One error as it may be answered: a code from the closed set and no secret in its message or
 * extensions. The same error when it already is; else a copy that keeps its location, path
 * and original error (yoga's status and masking decisions rest on them). An error without a
 * code gets `fallback` when given, else `codeFor`'s.
 */
function normalise(error: unknown, redact: Redact, fallback?: EdgeErrorCode): GraphQLError {
  // Not a GraphQLError: an unexpected failure, whose own words stay internal.
  if (!isGraphQLError(error)) {
    const originalError = error instanceof Error ? error : undefined;
    return new GraphQLError('Unexpected error.', {
      originalError,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  }
  const code = error.extensions['code'];
  const message = redact(error.message);
  const extensions = redactValue(error.extensions, redact) as Record<string, unknown>;
  const known = typeof code === 'string' && KNOWN_CODES.has(code);
  if (known && message === error.message && extensions === error.extensions) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...extensions, code: known ? code : (fallback ?? codeFor(error)) },
  });
}

/** A result with its errors normalised (the same result when they already were). */
function normaliseResult<R extends ExecutionResult>(result: R, redact: Redact): R {
  const errors = result.errors;
  if (!errors?.length) return result;
  const fixed = errors.map((e) => normalise(e, redact));
  return fixed.every((e, i) => e === errors[i]) ? result : { ...result, errors: fixed };
}

/** What yoga is about to answer over HTTP or SSE: one result, a batch, or a stream of them. */
function normaliseAnswer(answer: Answer, redact: Redact): Answer {
  if (isAsyncIterable(answer)) return mapAsyncIterator(answer, (r) => normaliseResult(r, redact));
  if (Array.isArray(answer)) return answer.map((r) => normaliseResult(r, redact));
  return normaliseResult(answer, redact);
}

/**
 * A request parser whose non-GraphQL failures are the client's: yoga's GET and form parsers
 * `JSON.parse` the `variables` and `extensions` parameters unguarded, which would otherwise be
 * masked as an unexpected error and answered with HTTP 500.
 */
function readable(parser: RequestParser): RequestParser {
  const UNREADABLE = 'The request parameters could not be read: `variables` and `extensions` must be JSON.';
  return async (request) => {
    try {
      return await parser(request);
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof URIError)) throw error;
      throw new GraphQLError(UNREADABLE, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    }
  };
}

/**
 * The last word on every answer's errors: each one carries an `extensions.code` from the closed
 * set (`EDGE_ERROR_CODES`), and no configured credential appears in any message or extension
 * (each is replaced with `[redacted]`). Parse and validation errors are fixed where they arise,
 * so the WebSocket path, which answers them itself, gets them fixed too; execution and
 * subscription results (HTTP, SSE and WebSocket alike) in `onExecute`/`onSubscribe`; and what
 * yoga answers without executing (request parsing, CSRF, masked failures) in `onResultProcess`.
 * Must be the last plugin, so that it sees every other plugin's errors.
 */
export function useErrorCodes(options: ErrorCodeOptions): Plugin {
  const redact = secretRedactor(options.secrets);
  const onResult = (payload: { result: ExecutionResult; setResult: (r: ExecutionResult) => void }): void => {
    const { result, setResult } = payload;
    const fixed = normaliseResult(result, redact);
    if (fixed !== result) setResult(fixed);
  };
  return {
    onRequestParse: ({ requestParser, setRequestParser }) => {
      if (requestParser) setRequestParser(readable(requestParser));
    },
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (isGraphQLError(result)) {
          replaceParseResult(normalise(result, redact, 'GRAPHQL_PARSE_FAILED'));
        }
      },
    onValidate:
      () =>
      ({ result, setResult }) => {
        const fixed = result.map((e) => normalise(e, redact, 'GRAPHQL_VALIDATION_FAILED'));
        if (fixed.some((e, i) => e !== result[i])) setResult(fixed);
      },
    onExecute: () => ({
      onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, onResult),
    }),
    onSubscribe: () => {
      return {
        onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, onResult),
        // Anything else is an unexpected failure: yoga's masking, after this plugin, hides it.
        onSubscribeError: ({ error, setError }) => {
          if (isGraphQLError(error)) setError(normalise(error, redact));
        },
      };
    },
    onResultProcess: ({ result, setResult }) => setResult(normaliseAnswer(result, redact)),
  };
}
