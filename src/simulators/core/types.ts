import type { IncomingHttpHeaders } from 'node:http';
import type { DemoOptions } from './random.js';

/** HTTP methods the simulators serve. */
export type SimMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request as a simulator route handler sees it. */
export interface SimRequest {
  method: SimMethod;
  /** Path below the simulator's base path, e.g. `/api/ticket/show`. */
  path: string;
  /** Route id, `METHOD /pattern`, as used by counters, latency and faults. */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /**
   * The body: a JSON value for `application/json`, `FormData` for multipart or
   * urlencoded bodies, the raw text otherwise, `undefined` when empty.
   */
  body: unknown;
  /** Set when the JSON body could not be parsed. */
  bodyError?: string;
}

/** What a handler answers; `body` is sent as JSON unless `raw` is given. */
export interface SimResponse {
  status: number;
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  method: SimMethod;
  /** Path pattern below the base path; `:name` segments become params. */
  path: string;
  handler: SimHandler;
  /** Whether the provider's authentication applies (default true). */
  auth?: boolean;
}

/**
 * One provider's simulator: its routes, its authentication and its data.
 * The shared server adds counters, latency, faults and the `/__sim` control routes.
 */
export interface SimulatorDefinition {
  key: string;
  /** Where the docs' host stands below the origin: `/v1` for IPPanel, `` for the others. */
  basePath: string;
  routes: SimRoute[];
  /** Answers the provider's own 401 (or similar) when credentials are missing or wrong. */
  authenticate(req: SimRequest): SimResponse | undefined;
  /** Working demo credentials, as request headers. */
  headers: Record<string, string>;
  /** The provider's own body for an unknown route or method. */
  notFound(req: SimRequest): SimResponse;
  /** Restores the seeded demo data. */
  resetData(): void;
  /** Extra control routes below `/__sim/`. Not authenticated. */
  controlRoutes?: SimRoute[];
  /** The provider's own staff at work, outside any API the gateway uses. */
  desk?: AgentDesk;
}

/**
 * The agent desk: changes made the way the provider's own staff would make them (in its own
 * tool, not through the client API), so the gateway has to notice them by polling. Served at
 * `POST /__sim/desk/reply` and `POST /__sim/desk/status`, and used by demo mode's simulated agents.
 */
export interface AgentDesk {
  /** Remote ids of tickets an agent could answer now (not closed). */
  openTickets(): string[];
  /** Adds an agent reply; throws an Error with a clear message when the ticket cannot take one. */
  reply(ticketId: string, body: string): void;
  /** Sets the ticket's status, in the provider's own words (e.g. `resolved`, `2`); throws when invalid. */
  setStatus(ticketId: string, status: string): void;
}

/**
 * A fault injected into matching requests:
 *
 * - `status`: answers `status` with `body` (a generic JSON body by default);
 * - `reset`: drops the connection without an answer;
 * - `malformed`: answers 200 with truncated JSON;
 * - `oversized`: answers 200 with a JSON body of `bytes` bytes;
 * - `slow-body`: the route's own answer (the request's work is done), its status and headers
 *   sent at once and its body trickled in `chunks` pieces over `ms` milliseconds.
 *
 * `headers` are added to the faulted answer (all kinds but `reset`), e.g. a `Retry-After`
 * with a 429 or 503.
 */
export interface FaultRule {
  /** Route id (`GET /api/ticket`) or `*` for every route. */
  route: string;
  kind: 'status' | 'reset' | 'malformed' | 'oversized' | 'slow-body';
  /** For `status`: the status code to answer. */
  status?: number;
  /** For `status`: the body to answer (JSON); a generic one by default. */
  body?: unknown;
  /** For `oversized`: how many bytes to send (default 8 MiB). */
  bytes?: number;
  /** Extra response headers of the faulted answer, e.g. `{ "Retry-After": "2" }`; not for `reset`. */
  headers?: Record<string, string>;
  /** For `slow-body` (required): how long the body takes to arrive, in ms, from the first byte to the last. */
  ms?: number;
  /** For `slow-body`: in how many pieces the body arrives (default 10, at most the body's bytes). */
  chunks?: number;
  /** Probability in [0, 1] that a matching request is hit (default 1), drawn from a seeded generator. */
  rate?: number;
  /** How many requests the fault may hit before it expires (default unlimited). */
  times?: number;
  /**
   * Do the request's work first, then answer the fault: a server failing after its commit
   * (or a proxy timing out while the upstream finished). Default false: nothing is done.
   * `slow-body` always does the work (it sends the route's own answer).
   */
  afterHandler?: boolean;
}

/** Latency added before matching requests are answered. */
export interface LatencyRule {
  route: string;
  ms: number;
}

export interface SimulatorStats {
  total: number;
  requests: Record<string, number>;
}

/** Options every simulator takes: its seeded demo data and the credentials it accepts. */
export interface SimulatorOptions extends DemoOptions {
  /** Credentials the simulator accepts; its kind's demo credentials by default. */
  credentials?: Record<string, string>;
}

/** One kind of simulator, as the registry (`src/simulators/index.ts`) lists it. */
export interface SimulatorKind {
  /** The provider kind it simulates, e.g. `daakey`. */
  readonly key: string;
  /**
   * Credentials it accepts when none are given, by the names the provider's docs give them
   * (`token`, `signature`, `secretKey`): the ones `npm run simulators` prints.
   */
  readonly demoCredentials: Readonly<Record<string, string>>;
  /** Its port when started alone (`npm run simulators`). */
  readonly defaultPort: number;
  create(options?: SimulatorOptions): SimulatorDefinition;
}
