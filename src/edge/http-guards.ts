import type { IncomingMessage, ServerResponse } from 'node:http';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Authenticator, ClientIdentity } from './auth.js';
import type { OriginPolicy } from './origins.js';

/**
 * Headers that make a request "non-simple" for browsers, so a cross-site page cannot send it
 * without a CORS preflight. Yoga's, Apollo's and graphql-http's names are all accepted, so
 * every common client works unchanged.
 */
export const CSRF_HEADERS = [
  'x-graphql-csrf',
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'graphql-require-preflight',
];

/** One JSON error answer with a stable code, and nothing else. */
export function refusal(status: number, code: string, message: string, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The caller's address, for naming anonymous callers. */
export function remoteAddress(serverContext: unknown): string | undefined {
  return (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket.remoteAddress;
}

/** Node's response under a yoga request, to learn when its stream closes. */
export function nodeResponse(serverContext: unknown): ServerResponse | undefined {
  return (serverContext as { res?: ServerResponse } | undefined)?.res;
}

/**
 * Open event streams per client: an SSE stream is a connection like a WebSocket, and counts
 * against the same `socketsPerClient` limit (separately from the sockets).
 */
class StreamCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Takes a place for `client` until `res` closes; false when the client has no place left. */
  take(client: string, res: ServerResponse | undefined): boolean {
    const count = this.open.get(client) ?? 0;
    if (count >= this.limit) return false;
    this.open.set(client, count + 1);
    res?.once('close', () => {
      const left = (this.open.get(client) ?? 1) - 1;
      if (left > 0) this.open.set(client, left);
      else this.open.delete(client);
    });
    return true;
  }
}

export interface HttpGuardOptions {
  auth: Authenticator;
  origins: OriginPolicy;
  /** Where the guard leaves each request's identity for the context factory. */
  identities: WeakMap<Request, ClientIdentity>;
  /** Event streams one client may hold open at once. */
  streamsPerClient: number;
}

/**
 * Runs on every HTTP request (queries, mutations and SSE streams alike) after yoga's CORS
 * preflight and GraphiQL page: a request from a browser origin not allowed is 403 FORBIDDEN,
 * one without a valid credential is 401 UNAUTHENTICATED; both before anything is parsed.
 */
function useClientGate(options: HttpGuardOptions): Plugin {
  const streams = new StreamCounter(options.streamsPerClient);
  return {
    onRequest: async ({ request, serverContext, endResponse }) => {
      if (!options.origins.permits(request.headers.get('origin'), request.headers.get('host'))) {
        return endResponse(refusal(403, 'FORBIDDEN', 'This origin may not use the gateway.'));
      }
      const identity = await options.auth.authenticate(
        request.headers.get('authorization') ?? undefined,
        remoteAddress(serverContext),
      );
      if (!identity) {
        return endResponse(
          refusal(401, 'UNAUTHENTICATED', 'A valid API key or token is required (Authorization: Bearer …).', {
            'www-authenticate': 'Bearer',
          }),
        );
      }
      const res = nodeResponse(serverContext);
      if (
        (request.headers.get('accept') ?? '').includes('text/event-stream') &&
        !streams.take(identity.id, res)
      ) {
        return endResponse(
          refusal(
            429,
            'SUBSCRIPTION_LIMIT',
            `At most ${options.streamsPerClient} event streams per client (MAX_SOCKETS_PER_CLIENT).`,
          ),
        );
      }
      options.identities.set(request, identity);
    },
  };
}

/**
 * yoga's CSRF prevention for everything but GET: a GET can only run queries (yoga answers a
 * mutation over GET with 405), so it cannot be a cross-site write, and plain GET links and
 * persisted-query GETs keep working without a custom header.
 */
function useCsrfPrevention(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: CSRF_HEADERS });
  return {
    onRequestParse: (payload) => {
      if (payload.request.method === 'GET') return;
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          `A form or multipart request needs one of these headers (CSRF prevention): ${CSRF_HEADERS.join(', ')}.`,
          { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
        );
      }
    },
  };
}

/** The HTTP edge: origin, client auth and CSRF checks. */
export function useHttpGuards(options: HttpGuardOptions): Plugin[] {
  return [useClientGate(options), useCsrfPrevention()];
}

function tooLarge(limit: number) {
  return createGraphQLError(`The request body is over ${limit} bytes (MAX_BODY_BYTES).`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });
}

/**
 * Holds every body but a multipart upload to `limit` bytes: by `Content-Length` before it is
 * read, and while it streams when there is none (chunked). Uploads have their own per-file
 * limits and go to disk; yoga's overall `maxRequestBodySize` bounds them as a whole.
 */
export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse: ({ request, requestParser, setRequestParser, fetchAPI }) => {
      if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return;
      const length = request.headers.get('content-length');
      if (length !== null && Number(length) > limit) throw tooLarge(limit);
      if (!requestParser || !request.body || length !== null) return;
      setRequestParser((req) => requestParser(limited(req, limit, fetchAPI)));
    },
  };
}

function limited(
  request: Request,
  limit: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  // A native stream needs the native TransformStream (see yoga's own body limit).
  const Transform =
    request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}
