import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-env.js';
import { sha256 } from './edge/persisted.js';

type Env = NodeJS.ProcessEnv;

/** Persisted queries: Apollo's automatic ones (default), trusted documents only, or none. */
export interface PersistedQueriesConfig {
  mode: 'automatic' | 'trusted' | 'off';
  /** Trusted mode: the operations that may run, by SHA-256 hash of their text. */
  manifest: ReadonlyMap<string, string>;
}

const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  operations: z.array(z.object({ id: z.string(), body: z.string() })),
});
const plainManifest = z.record(z.string(), z.string());

/** `PERSISTED_QUERIES` (`automatic`, `trusted`, `off`) and, for `trusted`, `PERSISTED_QUERIES_FILE`. */
export function persistedVars(env: Env): PersistedQueriesConfig {
  const mode = env['PERSISTED_QUERIES'] || 'automatic';
  if (mode !== 'automatic' && mode !== 'trusted' && mode !== 'off') {
    throw new ConfigError(`PERSISTED_QUERIES: expected automatic, trusted or off, got "${mode}"`);
  }
  if (mode !== 'trusted') return { mode, manifest: new Map() };
  const path = env['PERSISTED_QUERIES_FILE'];
  if (!path) throw new ConfigError('PERSISTED_QUERIES_FILE: required when PERSISTED_QUERIES=trusted');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `PERSISTED_QUERIES_FILE: cannot read "${path}" as JSON: ${(error as Error).message}`,
    );
  }
  const apollo = apolloManifest.safeParse(json);
  const plain = plainManifest.safeParse(json);
  const entries = apollo.success
    ? apollo.data.operations.map((o): [string, string] => [o.id, o.body])
    : plain.success
      ? Object.entries(plain.data)
      : undefined;
  if (!entries) {
    throw new ConfigError(
      `PERSISTED_QUERIES_FILE: "${path}" is neither an Apollo persisted query manifest nor an object of hash to query`,
    );
  }
  for (const [hash, query] of entries) {
    if (sha256(query) !== hash) {
      throw new ConfigError(`PERSISTED_QUERIES_FILE: the hash "${hash}" is not the SHA-256 of its query`);
    }
  }
  return { mode, manifest: new Map(entries) };
}
