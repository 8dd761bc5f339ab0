import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ProviderInstanceConfig } from './providers/provider.js';
import { PROVIDER_KINDS } from './providers/registry.js';
import { boolVar, ConfigError, intVar, securityVars, type SecurityConfig } from './config-env.js';
import { persistedVars, type PersistedQueriesConfig } from './config-persisted.js';
import { stateDbVar } from './config-state.js';

export { ConfigError, isLoopback, type SecurityConfig } from './config-env.js';
export type { PersistedQueriesConfig } from './config-persisted.js';

/** Everything the gateway reads from its environment, validated once at startup. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Configured provider instances; `undefined` in demo mode (no `GATEWAY_CONFIG`). */
  providers: ProviderInstanceConfig[] | undefined;
  demo: { seed: number; size: number; agents: boolean };
  /** Interval of the upstream change poller, in ms. */
  pollIntervalMs: number;
  redisUrl: string | undefined;
  /** `STATE_DB`: the SQLite file (absolute path) or `:memory:` for idempotency keys and persisted queries without Redis. */
  stateDb: string;
  /** Client auth, browser origins, operation and subscription limits, shutdown. */
  security: SecurityConfig;
  persistedQueries: PersistedQueriesConfig;
  /** `LOG_LEVEL` and `LOG_FORMAT`; no format means pretty on a terminal, JSON lines otherwise. */
  log: { level: LogLevel; format: LogFormat | undefined };
}

/** The levels `LOG_LEVEL` accepts, most verbose first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `json`: one JSON object a line (for collectors); `pretty`: human lines (for a terminal). */
export type LogFormat = 'json' | 'pretty';

/** A provider instance's upstream deadline when the config names none, in ms. */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** The largest upstream response body accepted when the config names none, in bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const KEY_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

// Secrets never sit in the file: each credential names the environment variable holding it.
const credentialSchema = z.object({ env: z.string().min(1) }).strict();
const instanceSchema = z
  .object({
    key: z.string().regex(KEY_PATTERN, 'must be lowercase letters, digits, - or _, starting with a letter'),
    kind: z.string(),
    name: z.string().min(1).optional(),
    baseUrl: z.url({ protocol: /^https?$/ }),
    credentials: z.record(z.string(), credentialSchema).default({}),
    timeoutMs: z.number().int().min(100).max(120_000).default(DEFAULT_TIMEOUT_MS),
    pageSize: z.number().int().min(1).optional(),
    maxResponseBytes: z.number().int().min(1024).default(DEFAULT_MAX_RESPONSE_BYTES),
    pollBudgetPerMinute: z.number().int().min(1).optional(),
  })
  .strict();
const fileSchema = z.object({ providers: z.array(instanceSchema).min(1) }).strict();

/** Reads and validates the configuration from `env` (and the file `GATEWAY_CONFIG` names). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const file = env['GATEWAY_CONFIG'];
  // Loopback by default: an unconfigured gateway serves this machine only.
  const host = env['HOST'] || '127.0.0.1';
  return {
    port: intVar(env, 'PORT', 4000, 0, 65535),
    host,
    providers: file ? loadProviders(file, env) : undefined,
    demo: {
      seed: intVar(env, 'DEMO_SEED', 1, 0, 2 ** 31),
      size: intVar(env, 'DEMO_SIZE', 40, 0, 100_000),
      agents: boolVar(env, 'DEMO_AGENTS', true),
    },
    pollIntervalMs: intVar(env, 'POLL_INTERVAL_MS', 5_000, 100, 3_600_000),
    redisUrl: env['REDIS_URL'] || undefined,
    stateDb: stateDbVar(env, !file),
    security: securityVars(env, host),
    persistedQueries: persistedVars(env),
    log: {
      level: choiceVar(env, 'LOG_LEVEL', LOG_LEVELS) ?? 'info',
      format: choiceVar(env, 'LOG_FORMAT', ['json', 'pretty'] as const),
    },
  };
}

/** One of `choices` (in any case), or `undefined` when the variable is unset or empty. */
function choiceVar<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const choice = choices.find((c) => c === text.toLowerCase());
  if (!choice) throw new ConfigError(`${name}: expected one of ${choices.join(', ')}, got "${text}"`);
  return choice;
}

function loadProviders(path: string, env: NodeJS.ProcessEnv): ProviderInstanceConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`GATEWAY_CONFIG: cannot read "${path}" as JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const value = valueAt(json, issue.path);
    throw new ConfigError(
      `GATEWAY_CONFIG ${path}: ${at.replace(/^\./, '')}: ${issue.message} (got ${value})`,
    );
  }
  const seen = new Set<string>();
  return parsed.data.providers.map((raw, i) => {
    const where = `GATEWAY_CONFIG ${path}: providers[${i}]`;
    if (seen.has(raw.key)) throw new ConfigError(`${where}.key: duplicate key "${raw.key}"`);
    seen.add(raw.key);
    return resolveInstance(raw, where, env);
  });
}

function resolveInstance(
  raw: z.output<typeof instanceSchema>,
  where: string,
  env: NodeJS.ProcessEnv,
): ProviderInstanceConfig {
  const kind = PROVIDER_KINDS.get(raw.kind);
  if (!kind) {
    const known = [...PROVIDER_KINDS.keys()].join(', ');
    throw new ConfigError(`${where}.kind: unknown provider kind "${raw.kind}" (known: ${known})`);
  }
  const credentials: Record<string, string> = {};
  for (const [name, source] of Object.entries(raw.credentials)) {
    const value = env[source.env];
    if (!value) {
      throw new ConfigError(`${where}.credentials.${name}: environment variable ${source.env} is not set`);
    }
    credentials[name] = value;
  }
  for (const name of kind.credentialNames) {
    if (!credentials[name])
      throw new ConfigError(`${where}.credentials.${name}: required by kind "${kind.kind}"`);
  }
  if (raw.pageSize !== undefined && raw.pageSize > kind.maxPageSize) {
    throw new ConfigError(
      `${where}.pageSize: at most ${kind.maxPageSize} for "${kind.kind}", got ${raw.pageSize}`,
    );
  }
  return {
    key: raw.key,
    kind: raw.kind,
    name: raw.name ?? `${kind.displayName} (${raw.key})`,
    baseUrl: raw.baseUrl,
    credentials,
    timeoutMs: raw.timeoutMs,
    pageSize: raw.pageSize ?? kind.defaultPageSize,
    maxResponseBytes: raw.maxResponseBytes,
    pollBudgetPerMinute: raw.pollBudgetPerMinute,
  };
}

function valueAt(json: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = json;
  for (const key of path) {
    value =
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
