import { GraphQLError } from 'graphql';

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
 * reaches a client; `toGraphQLError` keeps only the code and the provider key.
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

const PUBLIC_MESSAGES: Record<UpstreamCode, (provider: string) => string> = {
  UPSTREAM_UNAVAILABLE: (p) => `Provider "${p}" is unavailable.`,
  UPSTREAM_TIMEOUT: (p) => `Provider "${p}" did not answer in time.`,
  UPSTREAM_AUTH: (p) => `Provider "${p}" rejected the gateway's credentials.`,
  UPSTREAM_BAD_RESPONSE: (p) => `Provider "${p}" answered with a response the gateway cannot read.`,
  UPSTREAM_OUTCOME_UNKNOWN: (p) =>
    `Provider "${p}" did not confirm the write in time; it may or may not have happened. Check before retrying.`,
  NOT_FOUND: (p) => `Not found at provider "${p}".`,
};

/** A client-facing error with a stable `extensions.code` and, where one is involved, the provider key. */
export class GatewayError extends GraphQLError {
  constructor(message: string, code: ErrorCode, provider?: string, path?: ReadonlyArray<string | number>) {
    super(message, { extensions: provider ? { code, provider } : { code }, path });
  }

  get code(): ErrorCode {
    return this.extensions['code'] as ErrorCode;
  }
}

/** The client-facing form of an upstream failure: code and provider key only. */
export function toGatewayError(error: UpstreamError, path?: ReadonlyArray<string | number>): GatewayError {
  return new GatewayError(PUBLIC_MESSAGES[error.code](error.provider), error.code, error.provider, path);
}

/** An invalid argument from the client. */
export function badInput(message: string): GatewayError {
  return new GatewayError(message, 'BAD_USER_INPUT');
}
