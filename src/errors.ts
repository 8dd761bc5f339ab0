/**
 * The gateway's domain errors. They know nothing of GraphQL: `src/schema/errors.ts` turns them
 * into what a client sees (`extensions.code`, and the provider key where one is involved).
 */

/**
 * The closed set of `extensions.code` values the gateway answers with. Clients may switch on
 * them; they do not change.
 */
export const ERROR_CODES = [
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_AUTH',
  'UPSTREAM_BAD_RESPONSE',
  'UPSTREAM_OUTCOME_UNKNOWN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'SUBSCRIPTION_LIMIT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_REQUIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes of failures in talking to an upstream provider. */
export type UpstreamCode = Extract<ErrorCode, `UPSTREAM_${string}`> | 'NOT_FOUND';

/**
 * A failure talking to one provider. Internal: `detail` may hold URLs or bodies and never
 * reaches a client; the schema's `toGatewayError` keeps only the code and the provider key.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly code: UpstreamCode,
    readonly provider: string,
    readonly detail: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${provider}: ${code}: ${detail}`, options);
  }
}

/**
 * A client's argument the domain cannot use (an unknown provider key, a foreign cursor, a
 * date range that ends before it starts). `message` is written for the client and answered as
 * it is, with the code `BAD_USER_INPUT`.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Longest part of a client's value quoted back in an error message. */
const MAX_QUOTED_CHARS = 80;

/** A client's value (an id, a URL, a file name) as quoted back in a message: JSON, cut short. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value);
}
