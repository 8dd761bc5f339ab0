import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { securityVars, type SecurityConfig } from './config-env.js';
import { createAuthenticator } from './edge/auth.js';
import { HttpDrain, waitUntil } from './edge/drain.js';
import { OriginPolicy } from './edge/origins.js';
import { serveWebSocket } from './edge/websocket.js';
import { createGatewayYoga, GRAPHQL_PATH, type YogaDeps } from './edge/yoga.js';
import { LiveService } from './live/service.js';
import type { TicketProvider } from './providers/provider.js';
import type { Logger } from './log.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './writes/idempotency.js';

export { EXAMPLE_QUERY, GRAPHQL_PATH, MAX_UPLOAD_BYTES } from './edge/yoga.js';

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
  /** Automatic persisted queries in memory when not given. */
  persistedQueries?: YogaDeps['persistedQueries'];
  port?: number;
  host?: string;
  /** Where the gateway logs; nowhere when not given (tests, embedding). */
  logger?: Logger;
}

/** The security settings of a gateway with no configuration, serving this machine only. */
export const DEFAULT_SECURITY: SecurityConfig = securityVars({}, '127.0.0.1');

export interface RunningGateway {
  url: string;
  wsUrl: string;
  server: Server;
  live: LiveService;
  /**
   * Stops accepting, ends subscriptions, lets in-flight operations finish (up to the drain
   * timeout), closes sockets with 1001, then releases what the gateway owns.
   */
  close(): Promise<void>;
}

/** Serves GraphQL over HTTP (yoga, SSE included) and WebSocket (graphql-ws) on one port and path. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const live =
    options.live ??
    new LiveService({
      providers: options.providers,
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      logger: options.logger,
    });
  const security = options.security ?? DEFAULT_SECURITY;
  const auth = createAuthenticator(security.auth);
  const origins = new OriginPolicy(security.corsOrigins);
  const yoga = createGatewayYoga({ ...options, idempotency, live, security, auth, origins });
  const server = createServer(yoga);
  const drain = new HttpDrain(server);
  const ws = serveWebSocket({
    server,
    path: GRAPHQL_PATH,
    yoga,
    auth,
    origins,
    maxPayload: security.maxBodyBytes,
    ...security.subscriptions,
  });
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
      drain.start();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Subscriptions end first with a proper `complete` (WebSocket) or complete event (SSE); queries and writes finish.
      await live.endStreams();
      await waitUntil(() => drain.inFlight === 0 && ws.activeOperations() === 0, security.drainTimeoutMs);
      await ws.dispose();
      server.closeAllConnections();
      await closed;
      if (!options.live) await live.close();
      if (!options.idempotency) await idempotency.close();
    },
  };
}
