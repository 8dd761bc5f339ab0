import { randomUUID } from 'node:crypto';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { ClientIdentity } from './auth.js';
import { nodeResponse, refusal } from './http-guards.js';

const TOKEN_HEADER = 'x-graphql-event-stream-token';

/**
 * A request of graphql-sse's single-connection mode: the reservation (`PUT`), its stream and
 * operations (which carry the reservation's token), or the end of an operation (`DELETE`).
 * Everything else (queries, mutations, distinct-connection SSE) stays with yoga's own handler.
 */
function isSingleConnection(request: Request): boolean {
  if (request.method === 'PUT' || request.method === 'DELETE') return true;
  return request.headers.has(TOKEN_HEADER) || new URL(request.url).searchParams.has('token');
}

function tokenOf(request: Request): string | undefined {
  return request.headers.get(TOKEN_HEADER) ?? new URL(request.url).searchParams.get('token') ?? undefined;
}

/**
 * graphql-sse's single-connection mode (`@graphql-yoga/plugin-graphql-sse`) on the GraphQL
 * path itself, beside yoga's distinct connections, behind the same auth (the client gate runs
 * first). A reservation token is bound to the client that made it: another client holding the
 * token gets 404, as if the stream did not exist. Reservations live in this instance's memory,
 * so behind a load balancer this mode needs sticky sessions.
 */
export function useSingleConnectionSSE(path: string, identities: WeakMap<Request, ClientIdentity>): Plugin {
  // Bounded: reservations never connected to fall out instead of piling up.
  const owners = new LRUCache<string, string>({ max: 10_000 });
  const sse = useGraphQLSSE({
    endpoint: path,
    authenticate: (req) => {
      const client = identities.get(req.raw)?.id ?? '';
      if (req.raw.method === 'PUT') {
        const token = randomUUID();
        owners.set(token, client);
        return token;
      }
      const token = tokenOf(req.raw);
      if (token && owners.get(token) === client) return token;
      return [null, { status: 404, statusText: 'Not Found' }];
    },
  });
  return {
    ...sse,
    onRequest: (payload) => {
      if (!isSingleConnection(payload.request)) return;
      if (new URL(payload.request.url).pathname !== path) {
        return payload.endResponse(refusal(404, 'BAD_REQUEST', 'Not found.'));
      }
      const { request } = payload;
      // Operations are JSON: a cross-site form cannot post one (it cannot send that type unpreflighted).
      if (
        request.method === 'POST' &&
        !(request.headers.get('content-type') ?? '').startsWith('application/json')
      ) {
        return payload.endResponse(refusal(415, 'BAD_REQUEST', 'Operations are sent as application/json.'));
      }
      const token = tokenOf(request);
      const res = nodeResponse(payload.serverContext);
      // The stream of a reservation closed: its token may not be used again.
      if (token && (payload.request.headers.get('accept') ?? '').includes('text/event-stream')) {
        res?.once('close', () => owners.delete(token));
      }
      // The plugin parses in its onSubscribe and lets a syntax error reject the whole handler
      // (HTTP 500): answer it as graphql-sse answers invalid operations, 400 for that operation.
      return Promise.resolve(sse.onRequest?.(payload)).catch((error: unknown) => {
        if (!(error instanceof GraphQLError)) throw error;
        const code = error.extensions['code'] ?? 'GRAPHQL_PARSE_FAILED';
        payload.endResponse(refusal(400, String(code), error.message));
      });
    },
  };
}
