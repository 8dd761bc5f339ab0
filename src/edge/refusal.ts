import { GatewayError } from '../schema/errors.js';
import type { OperationLimits } from './limits.js';

/** The environment variable that sets each limit (read in `config-env.ts`), named in refusals. */
export const LIMIT_VARS: Record<keyof OperationLimits, string> = {
  maxDepth: 'MAX_QUERY_DEPTH',
  maxAliases: 'MAX_ALIASES',
  maxTokens: 'MAX_TOKENS',
  maxDirectives: 'MAX_DIRECTIVES',
  maxCost: 'MAX_QUERY_COST',
  maxDocumentBytes: 'MAX_DOCUMENT_BYTES',
  maxNodeIds: 'MAX_NODE_IDS',
  maxFieldComparisons: 'MAX_FIELD_COMPARISONS',
};

/**
 * A refused operation: `QUERY_TOO_COMPLEX`, with a message that names the limit, its value and
 * the setting that changes it, so a client knows what to split and an operator what to raise.
 */
export function tooComplex(message: string): GatewayError {
  const error = new GatewayError(message, 'QUERY_TOO_COMPLEX');
  // As yoga marks its own request errors: 400 for `application/graphql-response+json`, 200 for
  // `application/json` (the GraphQL-over-HTTP spec). yoga drops `http` from the JSON it sends
  // over HTTP; graphql-ws passes it on, as it does for yoga's own validation errors.
  Object.assign(error.extensions, { http: { spec: true, status: 400 } });
  return error;
}

/** "`what`, over the limit of `limit` (SETTING)." — e.g. "Query depth is 13, over the limit of 12 (MAX_QUERY_DEPTH)." */
export function overLimit(what: string, limit: number, key: keyof OperationLimits): GatewayError {
  return tooComplex(`${what}, over the limit of ${limit} (${LIMIT_VARS[key]}).`);
}

/** The count an armor rejection message reports ("… exceeded, found 13."), when it says one. */
export function foundIn(message: string): number | undefined {
  const match = /found (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
