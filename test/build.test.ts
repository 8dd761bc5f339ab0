import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/processes.js';

/** What production runs: `npm run build`, then `node dist/main.js`, with no TypeScript runtime. */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Runs a command to its end; its exit code and everything it printed. */
function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Every `.js` file under `dir`. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

/** The environment of a gateway started as production starts it: no loader, nothing configured. */
function productionEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], TZ: 'UTC' };
  return { ...env, PORT: String(port), HOST: '127.0.0.1', DEMO_AGENTS: 'false', LOG_FORMAT: 'json' };
}

let gateway: { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

beforeAll(async () => {
  const build = await run('npm', ['run', 'build']);
  expect(build.code, build.output).toBe(0);
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: productionEnv(port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout.on('data', (c: Buffer) => (seen += c.toString()));
  child.stderr.on('data', (c: Buffer) => (seen += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  gateway = { child, url: `http://127.0.0.1:${port}/graphql`, output: () => seen, exited };
  const started = Date.now();
  while (!seen.includes('ticket-gateway on')) {
    if (child.exitCode !== null || Date.now() - started > 20_000) throw new Error(`no start:\n${seen}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}, 180_000);

afterAll(() => {
  if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
});

async function query(text: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const answer = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return (await answer.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('the production build', () => {
  it('is plain JavaScript in dist/ that imports neither tsx nor TypeScript', () => {
    expect(existsSync(join(DIST, 'main.js'))).toBe(true);
    for (const file of jsFiles(DIST)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\bfrom ['"](tsx|typescript)(\/[^'"]*)?['"]/);
      expect(text, file).not.toMatch(/\bfrom ['"][^'"]+\.ts['"]/);
    }
  });

  it('serves demo mode from node dist/main.js, logging JSON lines', async () => {
    expect(await query('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    const answer = await query('{ tickets(first: 8) { totalCount edges { node { id provider { key } } } } }');
    expect(answer.errors).toBeUndefined();
    const tickets = answer.data!['tickets'] as { totalCount: number; edges: { node: { id: string } }[] };
    expect(tickets.edges).toHaveLength(8);
    expect(tickets.totalCount).toBeGreaterThan(8);
    const lines = gateway.output().trim().split('\n');
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContainEqual(expect.stringContaining('demo mode over the four provider simulators'));
    expect(messages).toContainEqual(expect.stringContaining('open to this machine only'));
  });

  it('shuts down on SIGTERM with exit code 0', async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(gateway.output()).toContain('Shutting down');
  });
});
