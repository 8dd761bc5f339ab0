import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestSimulators, ticketGlobalId } from '../support/gateway.js';
import { configFor, startGatewayProcess, type GatewayProcess } from '../support/processes.js';

/**
 * Nothing doubled across a restart, without Redis: the gateway runs as a child process over
 * an SQLite `STATE_DB`, is killed with SIGKILL in the middle of a keyed write, and started
 * again on the same file; the client's retry with the same key must not write a second time.
 */

type Simulators = Awaited<ReturnType<typeof startTestSimulators>>;
let sims: Simulators;
const running: GatewayProcess[] = [];

beforeAll(async () => {
  sims = await startTestSimulators();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(kill));
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

const daakey = () => sims.find((s) => s.key === 'daakey')!;
const posts = (path: string) =>
  daakey()
    .controls.requestLog()
    .filter((r) => r === `POST ${path}`).length;

/** A gateway process on `stateDb`, with no Redis: the SQLite stores are what is tested. */
async function start(stateDb: string): Promise<GatewayProcess> {
  const { path, env } = configFor(sims);
  const gateway = await startGatewayProcess({
    ...env,
    GATEWAY_CONFIG: path,
    STATE_DB: stateDb,
    REDIS_URL: '',
  });
  running.push(gateway);
  return gateway;
}

/** SIGKILL: no shutdown hook runs, nothing is flushed but what was already committed. */
async function kill(gateway: GatewayProcess): Promise<void> {
  if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return;
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
  gateway.child.kill('SIGKILL');
  await exited;
}

/** Polls (the simulators run in this process) until daakey's request log holds `entries` in this order. */
async function untilLogged(...entries: string[]): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 10_000;) {
    let at = -1;
    for (const entry of entries) at = at === -2 ? -2 : indexAfter(daakey().controls.requestLog(), entry, at);
    if (at >= 0) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`${entries.join(', then ')}: never reached daakey`);
}

function indexAfter(log: string[], entry: string, after: number): number {
  const at = log.indexOf(entry, after + 1);
  return at < 0 ? -2 : at;
}

/** A request whose answer may never come: settles to what became of it, never rejects. */
function send<T>(url: string, query: string, variables: Record<string, unknown>) {
  return postGraphQL<T>(url, query, variables).then(
    () => 'answered',
    () => 'cut off',
  );
}

const CATEGORIES = 'GET /api/v1/client/tickets?page=1&per_page=50';

/** The state of a key's row, read from the file as the killed process left it. */
function stateOf(path: string, key: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT state FROM idempotency WHERE key = ?').pluck().get(key);
  } finally {
    db.close();
  }
}

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'gw-restart-')), 'state.db');

// \`provider { categories }\` is read from Daakey (its ticket list) once per process, after the write:
// with latency on every route, it holds the answer back while the process is killed.
const ADD = `mutation($input: AddMessageInput!) { addMessage(input: $input) {
  __typename ... on AddMessageSuccess { addedMessage { id body ticket { id provider { categories { id } } } } } } }`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename ... on CreateTicketSuccess { ticket { id } } } }`;
type AddAnswer = { addMessage: { __typename: string; addedMessage?: { id: string; body: string } } };

describe('a keyed write across a SIGKILL and a restart (SQLite STATE_DB, no Redis)', () => {
  it('replays the first result when the gateway died after the upstream answered, with one upstream POST', async () => {
    const stateDb = stateFile();
    let gateway = await start(stateDb);
    const remoteId = '3';
    const messages = `/api/v1/client/tickets/${remoteId}/messages`;
    const input = {
      ticketId: ticketGlobalId('daakey', remoteId),
      body: 'Sent once, across a crash',
      idempotencyKey: 'crash-1',
    };
    daakey().controls.reset();
    daakey().controls.setLatency({ route: '*', ms: 400 });
    const first = send(gateway.url, ADD, { input });
    // The POST answered, the write read its ticket back, and the gateway is building its answer
    // (the categories): the outcome is recorded, the client has not seen it. That is when it dies.
    await untilLogged(`POST ${messages}`, `GET /api/v1/client/tickets/${remoteId}`, CATEGORIES);
    await kill(gateway);
    expect(await first).toBe('cut off');
    expect(stateOf(stateDb, 'addMessage:crash-1')).toBe('done');
    daakey().controls.setLatency({ route: '*', ms: 0 });

    gateway = await start(stateDb);
    const retry = await postGraphQL<AddAnswer>(gateway.url, ADD, { input });
    const again = await postGraphQL<AddAnswer>(gateway.url, ADD, { input });
    expect(retry.data?.addMessage.__typename, JSON.stringify(retry)).toBe('AddMessageSuccess');
    expect(retry.data?.addMessage.addedMessage?.body).toBe(input.body);
    expect(again.data?.addMessage.addedMessage?.id).toBe(retry.data?.addMessage.addedMessage?.id);
    expect(posts(messages)).toBe(1);
    const thread = await postGraphQL<{
      node: { messages: { edges: Array<{ node: { id: string; body: string } }> } };
    }>(
      gateway.url,
      `query($id: ID!) { node(id: $id) { ... on Ticket { messages { edges { node { id body } } } } } }`,
      { id: input.ticketId },
    );
    const sent = thread.data!.node.messages.edges.filter((e) => e.node.body === input.body);
    expect(sent.map((e) => e.node.id)).toEqual([retry.data?.addMessage.addedMessage?.id]);
  }, 90_000);

  it('answers UPSTREAM_OUTCOME_UNKNOWN, never a second POST, when it died before the upstream answered', async () => {
    const stateDb = stateFile();
    let gateway = await start(stateDb);
    const tickets = '/api/v1/client/tickets';
    const input = {
      provider: 'daakey',
      subject: 'Killed mid-write',
      body: 'Once.',
      category: 'billing',
      idempotencyKey: 'crash-2',
    };
    daakey().controls.reset();
    daakey().controls.setLatency({ route: '*', ms: 1_000 });
    const first = send(gateway.url, CREATE, { input });
    await untilLogged(`POST ${tickets}`);
    await kill(gateway); // the simulator still saves the ticket once its latency has passed
    expect(await first).toBe('cut off');

    gateway = await start(stateDb);
    daakey().controls.setLatency({ route: '*', ms: 0 });
    for (let i = 0; i < 2; i += 1) {
      const retry = await postGraphQL(gateway.url, CREATE, { input });
      expect(retry.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'daakey' });
    }
    await new Promise((r) => setTimeout(r, 1_000)); // past the first POST's latency, in any case
    expect(posts(tickets)).toBe(1);
  }, 90_000);
});
