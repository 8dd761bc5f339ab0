import { demoDefaults } from '../core/random.js';
import type {
  SimRequest,
  SimResponse,
  SimRoute,
  SimulatorDefinition,
  SimulatorKind,
  SimulatorOptions,
} from '../core/types.js';
import { taskipDesk } from './desk.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitConfig } from './rate-limit.js';
import { readRoutes } from './routes-read.js';
import { threadRoutes } from './routes-thread.js';
import { writeRoutes } from './routes-write.js';
import { TaskipStore } from './store.js';
import { errorBody } from './envelope.js';

/** Credentials the simulator accepts by default. */
export const TASKIP_DEMO_CREDENTIALS: Readonly<Record<string, string>> = {
  secretKey: 'taskip-demo-secret-key',
};

/** Its port when started alone. */
export const TASKIP_DEFAULT_PORT = 4103;

/** The taskip simulator's options: the shared ones plus the rate limit (raise it or turn it off for load tests). */
export interface TaskipSimulatorOptions extends SimulatorOptions {
  /** Per-key limits; the documented 100/minute and 1000/hour by default; `false` disables them. */
  rateLimit?: RateLimitConfig | false;
}

const UNAUTHORIZED = {
  error: 'Unauthorized',
  message: 'Invalid or missing X-Secret-Key header',
  status_code: 401,
};

function secretOf(req: SimRequest): string | undefined {
  const value = req.headers['x-secret-key'];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The throttle, then the key check: 429 beyond the limits (counted per presented key, before
 * the key is checked, as a throttle middleware in front of auth does), else 401 on a missing
 * or wrong key. The decided rate headers are remembered for the request's answer.
 */
function gate(
  secret: string,
  limiter: RateLimiter | undefined,
  rateHeaders: WeakMap<SimRequest, Record<string, string>>,
): (req: SimRequest) => SimResponse | undefined {
  return (req) => {
    const presented = secretOf(req);
    const decision = limiter?.take(presented ?? '');
    if (decision) rateHeaders.set(req, decision.headers);
    if (decision && !decision.allowed) {
      const res = errorBody(429, 'Too Many Requests', 'Rate limit exceeded. Please retry later.');
      return { ...res, headers: { ...decision.headers, 'Retry-After': String(decision.retryAfter ?? 60) } };
    }
    if (presented !== secret || secret === '')
      return { status: 401, body: UNAUTHORIZED, headers: decision?.headers };
    return undefined;
  };
}

/**
 * A faithful simulator of TaskIP's `/api/public-v1/support-ticket` routes: `X-Secret-Key`
 * auth with TaskIP's 401 body, rate limit headers on every response of a known route (429
 * beyond the limits), and seeded in-memory data that writes (and the agent desk, see
 * `desk.ts`) change and `resetData` restores.
 */
export function taskipSimulator(options: TaskipSimulatorOptions = {}): SimulatorDefinition {
  const demo = demoDefaults(options);
  const secret = (options.credentials ?? TASKIP_DEMO_CREDENTIALS)['secretKey'] ?? '';
  // The clock starts at `now` and runs with real time, so created tickets are the newest.
  const startedAt = Date.now();
  const store = new TaskipStore(demo, () => demo.now + (Date.now() - startedAt));
  const limiter =
    options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  // The rate headers decided in `authenticate`, added to the same request's answer.
  const rateHeaders = new WeakMap<SimRequest, Record<string, string>>();
  const withHeaders = (route: SimRoute): SimRoute => ({
    ...route,
    handler: async (req) => {
      const res = await route.handler(req);
      return { ...res, headers: { ...rateHeaders.get(req), ...res.headers } };
    },
  });
  return {
    key: 'taskip',
    basePath: '',
    routes: [...readRoutes(store), ...writeRoutes(store), ...threadRoutes(store)].map(withHeaders),
    headers: { 'X-Secret-Key': secret },
    authenticate: gate(secret, limiter, rateHeaders),
    // Decided: unknown routes answer TaskIP's error shape; they are not throttled (routing comes first).
    notFound: (req) => errorBody(404, 'Not Found', `The route ${req.path} could not be found.`),
    resetData: () => {
      store.reset();
      limiter?.reset();
    },
    desk: taskipDesk(store),
  };
}

/** The TaskIP simulator, as the registry lists it; `create` also takes `rateLimit` (`TaskipSimulatorOptions`). */
export const taskipSimulatorKind: SimulatorKind = {
  key: 'taskip',
  demoCredentials: TASKIP_DEMO_CREDENTIALS,
  defaultPort: TASKIP_DEFAULT_PORT,
  create: (options?: TaskipSimulatorOptions) => taskipSimulator(options),
};
