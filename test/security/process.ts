import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../support/processes.js';

/** A gateway process (`src/main.ts`) whose whole output is kept, for exit codes and log greps. */
export interface WatchedGateway {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Its exit code (or signal name). */
  exited: Promise<number | string>;
}

/**
 * Starts `src/main.ts` with `env` on a free port and waits for `ready` in its output (or its exit).
 * `HOST` is only set when `env` names it, so the default binding is what is tested.
 */
export async function watchGateway(
  env: Record<string, string>,
  ready = 'ticket-gateway on',
): Promise<WatchedGateway> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...withoutGatewayEnv(process.env), DEMO_AGENTS: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout?.on('data', (c: Buffer) => (seen += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (seen += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const started = Date.now();
  while (!seen.includes(ready)) {
    const done = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 25)),
    ]);
    if (done || Date.now() - started > 20_000) break;
  }
  const host = env['HOST'] ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    child,
    output: () => seen,
    exited,
  };
}

/** The test runner's environment less anything that would configure the gateway under test. */
function withoutGatewayEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of [
    'HOST',
    'GATEWAY_CONFIG',
    'GATEWAY_API_KEYS',
    'GATEWAY_JWT_SECRET',
    'GATEWAY_JWKS_URL',
    'REDIS_URL',
  ]) {
    delete copy[name];
  }
  return copy;
}
