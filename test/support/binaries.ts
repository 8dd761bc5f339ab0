import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Whether a system binary that some tests need is on this machine. Without it those tests are
 * skipped with one line naming what to install, so `npm test` passes on a machine that has only
 * Node; under `REQUIRE_SYSTEM_BINARIES=1` (set by `.ci/run`, which installs them) a missing
 * binary fails the run instead, so CI never passes by skipping.
 */
export function hasBinary(name: string, install: string, path?: string): boolean {
  const found = path ? executable(path) : onPath(name);
  if (found) return true;
  const line = `${name} not found: its tests are skipped (install: ${install})`;
  if (process.env['REQUIRE_SYSTEM_BINARIES'] === '1') {
    throw new Error(`${line}; REQUIRE_SYSTEM_BINARIES=1 makes this a failure`);
  }
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`SKIP: ${line}`);
  }
  return false;
}

const warned = new Set<string>();

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir && executable(join(dir, name)));
}

/** Redis for multi-instance tests: Debian's `redis-server`. */
export const hasRedis = (): boolean => hasBinary('redis-server', 'apt-get install redis-server');

/** The browser the GraphiQL tests drive (Debian's chromium, or `CHROMIUM_PATH`). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => hasBinary('chromium', 'apt-get install chromium', CHROMIUM);
