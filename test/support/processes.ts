import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SIMULATORS, type RunningSimulator } from '../../src/simulators/index.js';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits for a child's output to contain `text`. */
function waitForOutput(child: ChildProcess, text: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms; output:\n${seen}`)), ms);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${text}"; output:\n${seen}`)));
  });
}

/** A real redis-server on a free port, without persistence. */
export async function startRedis(): Promise<{ url: string; client: Redis; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.once('error', (error) => {
    throw new Error(
      `redis-server could not start (is Debian's redis-server installed? .ci/run installs it): ${error.message}`,
    );
  });
  await waitForOutput(child, 'Ready to accept connections', 10_000);
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url);
  return {
    url,
    client,
    stop: async () => {
      await client.quit();
      child.kill('SIGTERM');
    },
  };
}

/** A gateway as its own process (`src/main.ts`), configured over running simulators. */
export interface GatewayProcess {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  stop: () => void;
}

/** Writes a GATEWAY_CONFIG for the simulators, with their demo credentials in env variables. */
export function configFor(simulators: RunningSimulator[]): { path: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  const providers = simulators.map((sim) => {
    const credentials = Object.fromEntries(
      Object.entries(SIMULATORS.get(sim.key)!.demoCredentials).map(([name, value]) => {
        const variable = `${sim.key}_${name}`.toUpperCase();
        env[variable] = value;
        return [name, { env: variable }];
      }),
    );
    return { key: sim.key, kind: sim.key, baseUrl: sim.baseUrl, credentials, pollBudgetPerMinute: 100_000 };
  });
  const path = join(mkdtempSync(join(tmpdir(), 'gw-')), 'gateway.json');
  writeFileSync(path, JSON.stringify({ providers }));
  return { path, env };
}

export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForOutput(child, 'ticket-gateway on', 20_000);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    child,
    stop: () => void child.kill('SIGKILL'),
  };
}
