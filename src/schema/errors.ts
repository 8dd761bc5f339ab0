import { GraphQLError } from 'graphql';
import { InputError, UpstreamError, type ErrorCode, type UpstreamCode } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The one place domain errors (`src/errors.ts`) become GraphQL errors: the layers below the
 * schema throw `UpstreamError` and `InputError`, resolvers answer what these functions make.
 */

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

/**
 * What a resolver throws for a failure: domain errors become their public form (upstream
 * failures their code and provider only, input errors their message); anything unexpected
 * stays as it is, for yoga to mask.
 */
export function publicError(error: unknown, path?: ReadonlyArray<string | number>): unknown {
  if (error instanceof UpstreamError) return toGatewayError(error, path);
  if (error instanceof InputError) return new GatewayError(error.message, 'BAD_USER_INPUT', undefined, path);
  return error;
}

/** Runs domain work for a resolver, throwing its failures in their public form (`publicError`). */
export async function inPublic<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw publicError(error);
  }
}

/**
 * The error reported for a provider whose part of a list is missing; an unexpected failure's
 * details go to `log` (the request's `ctx.log`), never to the client.
 */
export function partialError(
  provider: string,
  error: unknown,
  path: ReadonlyArray<string | number>,
  log: Pick<Logger, 'error'>,
): GraphQLError {
  if (error instanceof UpstreamError) return toGatewayError(error, path);
  if (error instanceof GatewayError) return error;
  // An unexpected failure (a payload the mapper could not handle): keep the details internal.
  log.error({ err: error, provider }, `provider ${provider}: unexpected failure`);
  return toGatewayError(new UpstreamError('UPSTREAM_BAD_RESPONSE', provider, 'unexpected failure'), path);
}
