import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  postMultipart,
  startTestGateway,
  startTestSimulators,
  type GraphQLResponse,
  type TestGateway,
} from '../support/gateway.js';

let simulators: RunningSimulator[];
let gw: TestGateway;
let prototypeKeys: string[];
let ownTmp: string;
const outerTmp = process.env.TMPDIR;

beforeAll(async () => {
  // A temp folder of our own (the gateway runs in this process), so uploads of other test
  // runs on this machine cannot make the "nothing left behind" checks flaky.
  ownTmp = mkdtempSync(join(tmpdir(), 'uploads-security-'));
  process.env.TMPDIR = ownTmp;
  prototypeKeys = Reflect.ownKeys(Object.prototype).map(String);
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators);
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
  process.env.TMPDIR = outerTmp;
  rmSync(ownTmp, { recursive: true, force: true });
});

const ADD = `mutation($input: AddMessageInput!) { addMessage(input: $input) {
  __typename
  ... on AddMessageSuccess { addedMessage { body attachments { filename } } }
} }`;
const OPERATIONS = {
  query: ADD,
  variables: { input: { ticketId: 'x', body: 'See attached', attachments: [null] } },
};
const PNG = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'screen.png');

/** A multipart request with the given raw fields, as a hostile client could send it. */
async function sendRaw(
  operations: string,
  map: string,
  files: Record<string, File> = { '0': PNG() },
): Promise<{ status: number; body: GraphQLResponse }> {
  const form = new FormData();
  form.set('operations', operations);
  form.set('map', map);
  for (const [name, file] of Object.entries(files)) form.set(name, file);
  // A non-simple header, as CSRF prevention asks of multipart requests.
  const response = await fetch(gw.gateway.url, {
    method: 'POST',
    body: form,
    headers: { 'graphql-require-preflight': '1' },
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

function uploadDirs(): string[] {
  return readdirSync(ownTmp).filter((name) => name.startsWith('ticket-gateway-upload-'));
}

/** The gateway (in this process) still answers another client, and no prototype changed. */
async function expectUnharmed(): Promise<void> {
  const next = await gw.query<{ providers: Array<{ key: string }> }>('{ providers { key } }');
  expect(next.errors).toBeUndefined();
  expect(next.data!.providers.length).toBeGreaterThan(0);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(Reflect.ownKeys(Object.prototype).map(String)).toEqual(prototypeKeys);
  expect(Reflect.ownKeys(Array.prototype)).not.toContain('polluted');
}

async function expectRefused(operations: string, map: string, message: RegExp, files?: Record<string, File>) {
  const { status, body } = await sendRaw(operations, map, files);
  expect(status).toBe(400);
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]).toEqual({
    message: expect.stringMatching(message),
    extensions: { code: 'BAD_REQUEST' },
  });
  expect(uploadDirs()).toEqual([]);
  await expectUnharmed();
}

describe('multipart map paths', () => {
  const ops = JSON.stringify(OPERATIONS);
  it.each([
    ['__proto__.polluted', /"__proto__\.polluted" is refused: files may only go under "variables\."/],
    ['constructor.prototype.x', /"constructor\.prototype\.x" is refused: files may only go under/],
    ['variables.__proto__.x', /"variables\.__proto__\.x" is refused: the segment "__proto__" is not allowed/],
    ['variables.input.constructor.prototype.polluted', /the segment "constructor" is not allowed/],
    ['query', /"query" is refused: files may only go under "variables\."/],
    ['operations.query', /"operations\.query" is refused: files may only go under/],
    ['variables', /"variables" is refused: files may only go under "variables\."/],
    ['variables.input.attachments.1', /"1" is not an index of the array there/],
    ['variables.input.attachments.01', /"01" is not an index of the array there/],
    ['variables.input.attachments.length', /"length" is not an index of the array there/],
    ['variables.input.body', /"variables\.input\.body" is refused: the value there is not null/],
    ['variables.input.missing', /"missing" does not exist in the operation/],
    ['variables.input.body.length', /"length" does not exist in the operation/],
  ])('refuses the path %s with 400, and the next request still works', async (path, message) => {
    await expectRefused(ops, JSON.stringify({ '0': [path] }), message);
  });

  it('refuses two files mapped to the same place', async () => {
    const map = JSON.stringify({
      '0': ['variables.input.attachments.0'],
      '1': ['variables.input.attachments.0'],
    });
    await expectRefused(ops, map, /another file is mapped there already/, { '0': PNG(), '1': PNG() });
  });

  it('refuses a __proto__ key in operations or map, without polluting anything', async () => {
    const hostile = ops.replace('"input":', '"__proto__":{"polluted":null},"input":');
    await expectRefused(
      hostile,
      JSON.stringify({ '0': ['variables.__proto__.polluted'] }),
      /"__proto__" key/,
    );
    await expectRefused(ops, '{"__proto__":["variables.input.attachments.0"]}', /"__proto__" key/);
  });
});

describe('multipart fields', () => {
  const ops = JSON.stringify(OPERATIONS);
  const map = JSON.stringify({ '0': ['variables.input.attachments.0'] });

  it('refuses bad JSON in operations or map', async () => {
    await expectRefused('{"query":', map, /"operations" is not valid JSON/);
    await expectRefused(ops, '{"0":[', /"map" is not valid JSON/);
  });

  it('refuses a batch, and operations without a string query', async () => {
    await expectRefused(JSON.stringify([OPERATIONS]), map, /is a batch; batching is off/);
    await expectRefused(JSON.stringify({ variables: {} }), map, /must be an object with a string "query"/);
  });

  it('refuses a map that is not an object of string arrays', async () => {
    await expectRefused(ops, '["variables.input.attachments.0"]', /"map" must be an object of path arrays/);
    await expectRefused(
      ops,
      '{"0":"variables.input.attachments.0"}',
      /entry "0" must be an array of path strings/,
    );
    await expectRefused(ops, '{"0":[0]}', /entry "0" must be an array of path strings/);
  });

  it('refuses a map entry naming a file that is not sent', async () => {
    await expectRefused(ops, map, /maps "0" but sends no such file/, { '1': PNG() });
  });
});

describe('uploads that follow the spec', () => {
  async function openIppanelTicket(): Promise<string> {
    const res = await gw.query<{ tickets: { edges: Array<{ node: { id: string } }> } }>(
      'query($f: TicketFilter) { tickets(first: 1, filter: $f) { edges { node { id } } } }',
      { f: { providers: ['ippanel'], status: ['OPEN'] } },
    );
    return res.data!.tickets.edges[0]!.node.id;
  }
  type Added = {
    addMessage: { __typename: string; addedMessage?: { attachments: Array<{ filename: string }> } };
  };

  it('still uploads a file end to end, leaving no temporary file', async () => {
    const ticketId = await openIppanelTicket();
    const res = await postMultipart<Added>(
      gw.gateway.url,
      ADD,
      { input: { ticketId, body: 'See the screenshot', attachments: [null] } },
      { 'input.attachments.0': PNG() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.addMessage.__typename).toBe('AddMessageSuccess');
    expect(res.data!.addMessage.addedMessage!.attachments).toHaveLength(1);
    expect(uploadDirs()).toEqual([]);
    await expectUnharmed();
  });

  it('ignores a sent file the map does not name', async () => {
    const ticketId = await openIppanelTicket();
    const operations = JSON.stringify({
      query: ADD,
      variables: { input: { ticketId, body: 'One of two', attachments: [null] } },
    });
    const { status, body } = await sendRaw(
      operations,
      JSON.stringify({ a: ['variables.input.attachments.0'] }),
      {
        a: PNG(),
        stray: new File(['not mapped'], 'stray.txt'),
      },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data as Added).addMessage.addedMessage!.attachments).toHaveLength(1);
  });

  it('answers 413 for a file over the limit, and removes what it stored', async () => {
    const huge = new File([new Uint8Array(17 * 1024 * 1024)], 'huge.zip');
    const { status, body } = await sendRaw(
      JSON.stringify(OPERATIONS),
      JSON.stringify({ '0': ['variables.input.attachments.0'] }),
      {
        '0': huge,
      },
    );
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions).toEqual({ code: 'REQUEST_ENTITY_TOO_LARGE' });
    expect(uploadDirs()).toEqual([]);
    await expectUnharmed();
  });
});
