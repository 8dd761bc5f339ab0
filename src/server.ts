import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs, GraphQLSchema } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from './context.js';
import { createLoaders } from './federation/loaders.js';
import type { TicketProvider } from './providers/provider.js';
import { buildSchema } from './schema/index.js';
import { useStreamedUploads } from './uploads.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './writes/idempotency.js';
import { LiveService } from './live/service.js';
import { securityVars, type SecurityConfig } from './config-env.js';
import { parserCacheOptions, useOperationLimits } from './edge/limits.js';
import { useErrorCodes } from './edge/error-codes.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * The largest upload the gateway receives, in bytes (uploads go to temporary files, not
 * memory). It is above every provider's own limit (IPPanel: 10 MB), so those limits answer as
 * typed ValidationErrors and only absurd uploads are cut off while they arrive.
 */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** The query GraphiQL opens with: the federated list with what a support inbox shows. */
export const EXAMPLE_QUERY = `# The newest tickets from every provider, as one list.
query Inbox {
  providers { key name capabilities }
  tickets(first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        provider { key }
        subject
        status
        priority
        createdAt
        messages(first: 3) { edges { node { authorType body createdAt } } }
      }
    }
  }
}
`;

export interface GatewayOptions {
  providers: ReadonlyMap<string, TicketProvider>;
  /** In memory when not given (then owned, and closed, by the gateway). */
  idempotency?: IdempotencyStore;
  /** Live updates; in memory, polling every `pollIntervalMs`, when not given (then owned by the gateway). */
  live?: LiveService;
  pollIntervalMs?: number;
  schema?: GraphQLSchema;
  /** Auth, origins, limits; the defaults of an unconfigured gateway on loopback when not given. */
  security?: SecurityConfig;
  /** Configured credentials (provider secrets, client keys) that no answer may contain. */
  secrets?: readonly string[];
}

/** The security settings of a gateway with no configuration, serving this machine only. */
export const DEFAULT_SECURITY: SecurityConfig = securityVars({}, '127.0.0.1');

type GatewayDeps = Required<Pick<GatewayOptions, 'providers' | 'idempotency' | 'live' | 'security'>> &
  Pick<GatewayOptions, 'schema' | 'secrets'>;

/** Adds the errors of providers whose part is missing to an otherwise good result. */
function usePartialErrors(): Plugin<GatewayContext> {
  return {
    onExecute: () => ({
      onExecuteDone: ({ args, result, setResult }) => {
        const extra = (args.contextValue as GatewayContext).partialErrors;
        if (!extra?.length || Symbol.asyncIterator in result) return;
        setResult({ ...result, errors: [...(result.errors ?? []), ...extra] });
      },
    }),
  };
}

/** The yoga instance: schema, per-request context with fresh loaders, GraphiQL. */
export function createGatewayYoga(deps: GatewayDeps): YogaServerInstance<object, GatewayContext> {
  const { providers, idempotency, live } = deps;
  return createYoga<object, GatewayContext>({
    schema: deps.schema ?? buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    context: (): GatewayContext => ({
      providers,
      idempotency,
      live,
      loaders: createLoaders(providers),
      partialErrors: [],
    }),
    graphiql: { defaultQuery: EXAMPLE_QUERY, title: 'ticket-gateway', subscriptionsProtocol: 'WS' },
    // GraphiQL served from our own bundle (no CDN), so the playground works offline.
    renderGraphiQL,
    landingPage: false,
    parserAndValidationCache: parserCacheOptions(deps.security.limits),
    // Masked errors never carry the original error, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    plugins: [
      ...useOperationLimits(deps.security.limits),
      usePartialErrors(),
      useStreamedUploads({ maxFileBytes: MAX_UPLOAD_BYTES, maxFiles: 10, maxFieldBytes: 1024 * 1024 }),
      useErrorCodes({ secrets: deps.secrets ?? [] }),
    ],
  });
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  server: Server;
  live: LiveService;
  close(): Promise<void>;
}

/** Serves GraphQL over HTTP (yoga) and WebSocket (graphql-ws) on one port and path. */
export async function startGateway(
  options: GatewayOptions & { port?: number; host?: string },
): Promise<RunningGateway> {
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const live =
    options.live ??
    new LiveService({ providers: options.providers, pollIntervalMs: options.pollIntervalMs ?? 5_000 });
  const security = options.security ?? DEFAULT_SECURITY;
  const yoga = createGatewayYoga({ ...options, idempotency, live, security });
  const server = createServer(yoga);
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  const ws = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          operationName: params.operationName,
          document: enveloped.parse(params.query),
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
        const errors = enveloped.validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : 'localhost';
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    wsUrl: `ws://${host}:${port}${GRAPHQL_PATH}`,
    server,
    live,
    close: async () => {
      await ws.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.live) await live.close();
      if (!options.idempotency) await idempotency.close();
    },
  };
}

/** The enveloped execute and subscribe that `onSubscribe` hands to graphql-ws as the root value. */
interface Enveloped {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}
