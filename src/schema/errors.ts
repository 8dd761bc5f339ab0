import type { GraphQLError } from 'graphql';
import { GatewayError, toGatewayError, UpstreamError } from '../errors.js';

/**
 * What a resolver throws for a failure: upstream failures become their public form (code
 * and provider only); anything unexpected stays as it is, for yoga to mask.
 */
export function publicError(error: unknown, path?: ReadonlyArray<string | number>): unknown {
  if (error instanceof UpstreamError) return toGatewayError(error, path);
  return error;
}

/** The error reported for a provider whose part of a list is missing. */
export function partialError(
  provider: string,
  error: unknown,
  path: ReadonlyArray<string | number>,
): GraphQLError {
  if (error instanceof UpstreamError) return toGatewayError(error, path);
  if (error instanceof GatewayError) return error;
  // An unexpected failure (a payload the mapper could not handle): keep the details internal.
  console.error(`provider ${provider}: unexpected failure`, error);
  return toGatewayError(new UpstreamError('UPSTREAM_BAD_RESPONSE', provider, 'unexpected failure'), path);
}
