import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import type { Context, OperationResult } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../context.js';
import type { Authenticator, ClientIdentity } from './auth.js';
import type { OriginPolicy } from './origins.js';

export interface WebSocketOptions {
  server: Server;
  path: string;
  yoga: YogaServerInstance<object, GatewayContext>;
  auth: Authenticator;
  origins: OriginPolicy;
  /** Largest message, in bytes: the same bound as an HTTP body. */
  maxPayload: number;
  perSocket: number;
  socketsPerClient: number;
}

export interface ServedWebSocket {
  /** Queries and mutations running on open sockets (subscriptions run until ended). */
  activeOperations(): number;
  /** Closes every socket with 1001 (going away) and stops accepting. */
  dispose(): Promise<void>;
}

type Ctx = Context<Record<string, unknown> | undefined, Extra>;

/** The enveloped execute and subscribe that `onSubscribe` hands to graphql-ws as the root value. */
interface Enveloped {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

/** The credential a client sent: `connectionParams` first (browsers cannot set upgrade headers), then the header. */
function credentialOf(ctx: Ctx): string | undefined {
  const params = ctx.connectionParams ?? {};
  const headers = (params['headers'] ?? {}) as Record<string, unknown>;
  const value = [
    params['authorization'],
    params['Authorization'],
    headers['authorization'],
    headers['Authorization'],
  ].find((v): v is string => typeof v === 'string');
  return value ?? ctx.extra.request.headers.authorization;
}

/**
 * An error as a socket sends it: `extensions.http` (a status for HTTP answers) is left out.
 * Its code is already set: useErrorCodes codes parse and validation errors where they arise.
 */
function forSocket(error: GraphQLError): GraphQLError {
  const { http, ...extensions } = error.extensions as Record<string, unknown>;
  if (http === undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/** A refusal of one operation; anything parsing threw that is not a GraphQL error stays unsaid. */
function refusedAs(error: unknown, code: string): GraphQLError {
  if (error instanceof GraphQLError) return forSocket(error);
  return new GraphQLError('The operation could not be read.', { extensions: { code } });
}

/**
 * graphql-ws on the gateway's port and path: the upgrade is refused for origins not allowed;
 * `onConnect` authenticates (4403 when refused) and caps sockets per client; `onSubscribe`
 * caps subscriptions per socket and answers a document that does not parse or validate with
 * an `error` for that operation alone, so one bad document never closes the socket.
 */
export function serveWebSocket(options: WebSocketOptions): ServedWebSocket {
  const { yoga } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: options.path,
    maxPayload: options.maxPayload,
    // Refused at the upgrade with 403: a page from another site never gets a socket at all.
    verifyClient: (
      info: { origin: string; req: IncomingMessage },
      done: (ok: boolean, status?: number) => void,
    ) => done(options.origins.permits(info.origin || undefined, info.req.headers.host), 403),
  });
  const identities = new WeakMap<object, ClientIdentity>();
  const socketsPerClient = new Map<string, number>();
  // Queries and mutations under way, by operation id, so shutdown can let them finish.
  const running = new Set<string>();
  let nextSocket = 0;
  const socketIds = new WeakMap<object, number>();
  const opKey = (ctx: Ctx, id: string) => `${socketIds.get(ctx.extra.socket)}:${id}`;
  const served = useServer(
    {
      onConnect: async (ctx) => {
        const identity = await options.auth.authenticate(
          credentialOf(ctx),
          ctx.extra.request.socket.remoteAddress,
        );
        if (!identity) return false;
        const count = socketsPerClient.get(identity.id) ?? 0;
        if (count >= options.socketsPerClient) {
          ctx.extra.socket.close(4429, `At most ${options.socketsPerClient} sockets per client`);
          return false;
        }
        socketsPerClient.set(identity.id, count + 1);
        identities.set(ctx.extra.socket, identity);
        socketIds.set(ctx.extra.socket, nextSocket++);
        ctx.extra.socket.once('close', () => {
          for (const id of Object.keys(ctx.subscriptions)) running.delete(opKey(ctx, id));
          const left = (socketsPerClient.get(identity.id) ?? 1) - 1;
          if (left > 0) socketsPerClient.set(identity.id, left);
          else socketsPerClient.delete(identity.id);
        });
        return true;
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.some((e) => e.extensions['http'] !== undefined)) return;
        return { ...result, errors: result.errors.map((e) => forSocket(e).toJSON()) };
      },
      onComplete: (ctx, id) => void running.delete(opKey(ctx, id)),
      onError: (ctx, id) => void running.delete(opKey(ctx, id)),
      onSubscribe: async (ctx, id, params) => {
        if (Object.keys(ctx.subscriptions).length > options.perSocket) {
          return [
            new GraphQLError(
              `At most ${options.perSocket} operations at once on one socket (MAX_SUBSCRIPTIONS_PER_SOCKET).`,
              {
                extensions: { code: 'SUBSCRIPTION_LIMIT' },
              },
            ),
          ];
        }
        const client = identities.get(ctx.extra.socket);
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          client,
        });
        let document;
        try {
          document = enveloped.parse(params.query);
        } catch (error) {
          return [refusedAs(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length) return errors.map((e: GraphQLError) => forSocket(e));
        const operation = getOperationAST(document, params.operationName);
        if (!operation) {
          return [
            new GraphQLError('Unable to identify the operation to run.', {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ];
        }
        if (operation.operation !== 'subscription') running.add(opKey(ctx, id));
        return {
          schema: enveloped.schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        } satisfies ExecutionArgs;
      },
    },
    wss,
  );
  return {
    activeOperations: () => running.size,
    dispose: async () => {
      await served.dispose();
    },
  };
}
