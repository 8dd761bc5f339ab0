import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './config-env.js';

/** Where `STATE_DB` points when it is not set and the gateway runs over configured providers. */
export const DEFAULT_STATE_DB = './data/ticket-gateway.db';

/**
 * `STATE_DB`: the SQLite file holding idempotency keys and persisted queries when there is no
 * `REDIS_URL`, resolved against the working directory (its folder is created at startup), or
 * `:memory:` to keep them in memory only. Unset, it is `./data/ticket-gateway.db` over
 * configured providers, and `:memory:` in demo mode: the demo simulators forget their writes on
 * restart, so a key remembered across one would replay a ticket that no longer exists.
 */
export function stateDbVar(env: NodeJS.ProcessEnv, demo: boolean): string {
  const text = env['STATE_DB']?.trim() || (demo ? ':memory:' : DEFAULT_STATE_DB);
  if (text === ':memory:') return text;
  const path = resolve(text);
  const hint = `name a file such as ${DEFAULT_STATE_DB}, or :memory:`;
  if (/^file:/i.test(text) || text.endsWith('/') || text.endsWith('\\')) {
    throw new ConfigError(`STATE_DB: expected a file path, got "${text}"; ${hint}`);
  }
  if (kindOf(path) === 'directory') throw new ConfigError(`STATE_DB: "${text}" is a directory; ${hint}`);
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const kind = kindOf(dir);
    if (kind === 'file') throw new ConfigError(`STATE_DB: "${dir}" in "${text}" is a file, not a folder`);
    if (kind === 'directory') break;
  }
  return path;
}

function kindOf(path: string): 'file' | 'directory' | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? (stat.isDirectory() ? 'directory' : 'file') : undefined;
  } catch {
    // ENOTDIR (an ancestor is a file, which the caller finds) or no access (opening says so).
    return undefined;
  }
}
