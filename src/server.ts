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
import { MemoryIdempotencyStore, type IdempotencyStore } from './writes/idempotency.js';

export const GRAPHQL_PATH = '/graphql';

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
  /** In memory when not given. */
  idempotency?: IdempotencyStore;
  schema?: GraphQLSchema;
}

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
export function createGatewayYoga(options: GatewayOptions): YogaServerInstance<object, GatewayContext> {
  const { providers } = options;
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  return createYoga<object, GatewayContext>({
    schema: options.schema ?? buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    context: (): GatewayContext => ({
      providers,
      idempotency,
      loaders: createLoaders(providers),
      partialErrors: [],
    }),
    graphiql: { defaultQuery: EXAMPLE_QUERY, title: 'ticket-gateway', subscriptionsProtocol: 'WS' },
    // GraphiQL served from our own bundle (no CDN), so the playground works offline.
    renderGraphiQL,
    landingPage: false,
    plugins: [usePartialErrors()],
  });
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves GraphQL over HTTP (yoga) and WebSocket (graphql-ws) on one port and path. */
export async function startGateway(
  options: GatewayOptions & { port?: number; host?: string },
): Promise<RunningGateway> {
  const yoga = createGatewayYoga(options);
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
    close: async () => {
      await ws.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The enveloped execute and subscribe that `onSubscribe` hands to graphql-ws as the root value. */
interface Enveloped {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}
