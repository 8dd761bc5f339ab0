import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_LIMITS, type OperationLimits } from './edge/limits.js';

/** A configuration problem; the message names the key and the bad value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = NodeJS.ProcessEnv;

export function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  throw new ConfigError(`${name}: expected true or false, got "${text}"`);
}

/** One client API key; `name` is the client's identity in logs and limits, never the key. */
export interface ApiKey {
  name: string;
  key: string;
}

/** Who may call the gateway. No keys and no JWT means anyone who can reach it. */
export interface AuthConfig {
  apiKeys: ApiKey[];
  jwt: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string } | undefined;
  allowAnonymous: boolean;
}

/** Everything that keeps one client or one request from taking the gateway down. */
export interface SecurityConfig {
  auth: AuthConfig;
  /** Browser origins allowed besides the gateway's own (CORS, WebSocket and SSE). */
  corsOrigins: string[];
  limits: OperationLimits;
  /** Deadline of one operation across all its upstream calls, in ms. */
  operationTimeoutMs: number;
  /** Largest request body (JSON, GET query) and WebSocket message, in bytes. */
  maxBodyBytes: number;
  subscriptions: { perSocket: number; socketsPerClient: number };
  /** How long shutdown waits for in-flight requests, in ms. */
  drainTimeoutMs: number;
}

export const MIN_API_KEY_LENGTH = 16;
const MIN_JWT_SECRET_LENGTH = 32;

/** Reads `GATEWAY_API_KEYS`: `name:key` or bare keys, comma-separated, or `file:<path>` with one per line. */
export function apiKeysVar(env: Env): ApiKey[] {
  const text = env['GATEWAY_API_KEYS'];
  if (!text) return [];
  let entries: string[];
  if (text.startsWith('file:')) {
    const path = text.slice(5);
    try {
      entries = readFileSync(path, 'utf8').split(/[\n,]/);
    } catch (error) {
      throw new ConfigError(`GATEWAY_API_KEYS: cannot read "${path}": ${(error as Error).message}`);
    }
  } else entries = text.split(',');
  const keys = entries
    .map((e) => e.trim())
    .filter((e) => e && !e.startsWith('#'))
    .map((entry, i) => apiKey(entry, i));
  const names = new Set(keys.map((k) => k.name));
  if (names.size !== keys.length) throw new ConfigError('GATEWAY_API_KEYS: two keys have the same name');
  return keys;
}

function apiKey(entry: string, index: number): ApiKey {
  const colon = entry.indexOf(':');
  const name = colon > 0 ? entry.slice(0, colon) : undefined;
  const key = colon > 0 ? entry.slice(colon + 1) : entry;
  // The value is a secret: the message says where it is and what is wrong, never what it is.
  if (key.length < MIN_API_KEY_LENGTH) {
    throw new ConfigError(
      `GATEWAY_API_KEYS: key ${index + 1}${name ? ` ("${name}")` : ''} has ${key.length} characters; use at least ${MIN_API_KEY_LENGTH}`,
    );
  }
  if (name !== undefined && !/^[\w.-]{1,64}$/.test(name)) {
    throw new ConfigError(
      `GATEWAY_API_KEYS: key ${index + 1}: name "${name}" must be letters, digits, _ . -`,
    );
  }
  // A bare key is known by a short digest: stable across restarts, and it tells nothing of the key.
  return { name: name ?? `key-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`, key };
}

export function jwtVars(env: Env): AuthConfig['jwt'] {
  const secret = env['GATEWAY_JWT_SECRET'] || undefined;
  const jwksUrl = env['GATEWAY_JWKS_URL'] || undefined;
  if (!secret && !jwksUrl) return undefined;
  if (secret && secret.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError(
      `GATEWAY_JWT_SECRET: has ${secret.length} characters; HS256 wants at least ${MIN_JWT_SECRET_LENGTH}`,
    );
  }
  if (jwksUrl && !/^https?:\/\/[^/]/.test(jwksUrl)) {
    throw new ConfigError(`GATEWAY_JWKS_URL: expected an http(s) URL, got "${jwksUrl}"`);
  }
  return {
    secret,
    jwksUrl,
    issuer: env['GATEWAY_JWT_ISSUER'] || undefined,
    audience: env['GATEWAY_JWT_AUDIENCE'] || undefined,
  };
}

/** `CORS_ORIGINS`: comma-separated origins such as `https://inbox.example.com`. */
export function originsVar(env: Env): string[] {
  const text = env['CORS_ORIGINS'];
  if (!text) return [];
  return text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
      }
      return parsed.origin;
    });
}

export function limitsVars(env: Env): OperationLimits {
  const d = DEFAULT_LIMITS;
  return {
    maxDepth: intVar(env, 'MAX_QUERY_DEPTH', d.maxDepth, 2, 100),
    maxAliases: intVar(env, 'MAX_ALIASES', d.maxAliases, 0, 1_000),
    maxTokens: intVar(env, 'MAX_TOKENS', d.maxTokens, 100, 1_000_000),
    maxDirectives: intVar(env, 'MAX_DIRECTIVES', d.maxDirectives, 0, 1_000),
    maxCost: intVar(env, 'MAX_QUERY_COST', d.maxCost, 1, 100_000_000),
    maxDocumentBytes: intVar(env, 'MAX_DOCUMENT_BYTES', d.maxDocumentBytes, 1_000, 10_000_000),
    maxNodeIds: intVar(env, 'MAX_NODE_IDS', d.maxNodeIds, 1, 10_000),
    maxFieldComparisons: intVar(
      env,
      'MAX_FIELD_COMPARISONS',
      d.maxFieldComparisons ?? 20_000,
      100,
      10_000_000,
    ),
  };
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The security settings; refuses an open, anonymous gateway on a non-loopback address. */
export function securityVars(env: Env, host: string): SecurityConfig {
  const auth: AuthConfig = {
    apiKeys: apiKeysVar(env),
    jwt: jwtVars(env),
    allowAnonymous: boolVar(env, 'GATEWAY_ALLOW_ANONYMOUS', false),
  };
  if (!auth.apiKeys.length && !auth.jwt && !auth.allowAnonymous && !isLoopback(host)) {
    throw new ConfigError(
      `HOST: "${host}" is reachable from other machines, and no client auth is configured: set GATEWAY_API_KEYS (or GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL), or GATEWAY_ALLOW_ANONYMOUS=true to serve anyone`,
    );
  }
  const limits = limitsVars(env);
  const maxBodyBytes = intVar(env, 'MAX_BODY_BYTES', 1_048_576, 4_096, 100_000_000);
  if (maxBodyBytes < limits.maxDocumentBytes) {
    throw new ConfigError(
      `MAX_BODY_BYTES: ${maxBodyBytes} is below MAX_DOCUMENT_BYTES (${limits.maxDocumentBytes}); a body holds a document`,
    );
  }
  return {
    auth,
    corsOrigins: originsVar(env),
    limits,
    operationTimeoutMs: intVar(env, 'OPERATION_TIMEOUT_MS', 10_000, 100, 600_000),
    maxBodyBytes,
    subscriptions: {
      perSocket: intVar(env, 'MAX_SUBSCRIPTIONS_PER_SOCKET', 100, 1, 100_000),
      socketsPerClient: intVar(env, 'MAX_SOCKETS_PER_CLIENT', 50, 1, 100_000),
    },
    drainTimeoutMs: intVar(env, 'DRAIN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}
