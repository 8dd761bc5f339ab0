import type { GraphQLSchema } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { SecurityConfig } from '../config-env.js';
import type { PersistedQueriesConfig } from '../config-persisted.js';
import type { GatewayContext } from '../context.js';
import { createLoaders } from '../federation/loaders.js';
import type { LiveService } from '../live/service.js';
import type { TicketProvider } from '../providers/provider.js';
import { buildSchema } from '../schema/index.js';
import { useStreamedUploads } from '../uploads.js';
import type { IdempotencyStore } from '../writes/idempotency.js';
import { secretRedactor } from '../providers/upstream-text.js';
import { silentLogger, toYogaLogger, type Logger } from '../log.js';
import type { Authenticator, ClientIdentity } from './auth.js';
import { useErrorCodes } from './error-codes.js';
import { CSRF_HEADERS, useBodyLimit, useHttpGuards } from './http-guards.js';
import { parserCacheOptions, useOperationLimits } from './limits.js';
import { useSingleConnectionSSE } from './sse.js';
import {
  MemoryPersistedQueries,
  useAutomaticPersistedQueries,
  useTrustedDocuments,
  type PersistedQueryStore,
} from './persisted.js';
import type { OriginPolicy } from './origins.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * The largest upload the gateway receives, in bytes (uploads go to temporary files, not
 * memory). It is above every provider's own limit (IPPanel: 10 MB), so those limits answer as
 * typed ValidationErrors and only absurd uploads are cut off while they arrive.
 */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** Files in one multipart request. */
export const MAX_UPLOAD_FILES = 10;

/** The query GraphiQL opens with: the federated list with what a support inbox shows. */
export const EXAMPLE_QUERY = `# The newest tickets from every provider, as one list.
# With client auth configured, put {"Authorization": "Bearer <your key>"} in Headers below.
query Inbox {
  providers { id key name capabilities }
  tickets(first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        provider { id key }
        subject
        status
        priority
        createdAt
        messages(first: 3) { edges { node { id authorType body createdAt } } }
      }
    }
  }
}
`;

/** What the yoga instance is built from. */
export interface YogaDeps {
  providers: ReadonlyMap<string, TicketProvider>;
  idempotency: IdempotencyStore;
  live: LiveService;
  security: SecurityConfig;
  auth: Authenticator;
  origins: OriginPolicy;
  schema?: GraphQLSchema;
  /** Configured credentials that no answer may contain. */
  secrets?: readonly string[];
  /** Automatic persisted queries (in memory when no store is given), trusted documents, or none. */
  persistedQueries?: PersistedQueriesConfig & { store?: PersistedQueryStore };
  /** Where the resolvers and yoga log; nowhere when not given. */
  logger?: Logger;
}

/** The persisted-query plugin the configuration asks for. */
function persistedPlugins(deps: YogaDeps): Plugin[] {
  const config = deps.persistedQueries;
  if (config?.mode === 'off') return [];
  if (config?.mode === 'trusted') return [useTrustedDocuments(config.manifest)];
  const store = config?.store ?? new MemoryPersistedQueries();
  return [useAutomaticPersistedQueries(store, deps.security.limits.maxDocumentBytes)];
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

/** What the server hands to the context factory: the request, or the WebSocket's identity. */
interface InitialContext {
  request?: Request;
  client?: ClientIdentity;
}

/**
 * The yoga instance: the HTTP edge (origin, auth, CSRF, body and operation limits), the
 * schema, a per-request context with fresh loaders bound to the operation's deadline, GraphiQL.
 */
export function createGatewayYoga(deps: YogaDeps): YogaServerInstance<object, GatewayContext> {
  const { providers, idempotency, live, security } = deps;
  const identities = new WeakMap<Request, ClientIdentity>();
  const redact = secretRedactor(deps.secrets ?? []);
  const log = deps.logger ?? silentLogger;
  return createYoga<object, GatewayContext>({
    schema: deps.schema ?? buildSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    context: (initial: InitialContext): GatewayContext => ({
      providers,
      idempotency,
      live,
      loaders: createLoaders(providers, AbortSignal.timeout(security.operationTimeoutMs)),
      partialErrors: [],
      redact,
      log,
      client: initial.client ??
        (initial.request && identities.get(initial.request)) ?? { id: 'anonymous:unknown', via: 'anonymous' },
    }),
    graphiql: { defaultQuery: EXAMPLE_QUERY, title: 'ticket-gateway', subscriptionsProtocol: 'SSE' },
    // GraphiQL served from our own bundle (no CDN), so the playground works offline.
    renderGraphiQL,
    landingPage: false,
    logging: toYogaLogger(log),
    // Multipart is parsed by useStreamedUploads (to disk); yoga's own parser would buffer files in memory.
    multipart: false,
    cors: (request) => corsFor(request, deps.origins),
    // Multipart bodies carry files; every other body is held to `maxBodyBytes` by useBodyLimit.
    maxRequestBodySize: MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + security.maxBodyBytes,
    parserAndValidationCache: parserCacheOptions(security.limits),
    // Masked errors never carry the original error, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    plugins: [
      ...useHttpGuards({
        auth: deps.auth,
        origins: deps.origins,
        identities,
        streamsPerClient: security.subscriptions.socketsPerClient,
      }),
      useBodyLimit(security.maxBodyBytes),
      useSingleConnectionSSE(GRAPHQL_PATH, identities),
      ...persistedPlugins(deps),
      ...useOperationLimits(security.limits),
      usePartialErrors(),
      useStreamedUploads({
        maxFileBytes: MAX_UPLOAD_BYTES,
        maxFiles: MAX_UPLOAD_FILES,
        maxFieldBytes: security.maxBodyBytes,
      }),
      useErrorCodes({ secrets: deps.secrets ?? [] }),
    ],
  });
}

/** CORS headers only for permitted origins; no credentials (clients authenticate with a bearer header). */
function corsFor(request: Request, origins: OriginPolicy) {
  const origin = request.headers.get('origin');
  if (!origin || !origins.permits(origin, request.headers.get('host'))) return false as const;
  return {
    origin: [origin],
    credentials: false,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'accept',
      'x-graphql-event-stream-token',
      ...CSRF_HEADERS,
    ],
    maxAge: 600,
  };
}
