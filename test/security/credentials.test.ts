import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestSimulators } from '../support/gateway.js';
import { firstOutcome, post, sseFirst, wsWith } from './helpers.js';
import { watchGateway, type WatchedGateway } from './process.js';

// Distinctive values: any of them in an answer or a log line is a leak.
const SECRETS = {
  providerToken: 'prov-token-Hk4Qm8Zr2Lx7Vb1N',
  signature: 'prov-sig-Tq3Wy6Ue9Io2Pa5S',
  taskipKey: 'taskip-key-Dk8Fj1Gh4Lz7Xc0V',
  apiKey: 'client-key-Rb2Nm5Qw8Et1Yu4I',
};

let sims: RunningSimulator[];
let gateway: WatchedGateway;
const answers: string[] = [];

/** The four simulators accept only these credentials; the gateway is configured with them. */
function configFile(): string {
  const cred = (env: string) => ({ env });
  const providers = sims.map((sim) => ({
    key: sim.key,
    kind: sim.key,
    baseUrl: sim.baseUrl,
    credentials: {
      daakey: { token: cred('T_TOKEN'), signature: cred('T_SIG') },
      ippanel: { token: cred('T_TOKEN') },
      taskip: { secretKey: cred('T_TASKIP') },
      kinconecta: { token: cred('T_TOKEN') },
    }[sim.key],
  }));
  const path = join(mkdtempSync(join(tmpdir(), 'gw-cred-')), 'gateway.json');
  writeFileSync(path, JSON.stringify({ providers }));
  return path;
}

beforeAll(async () => {
  sims = await startTestSimulators({
    credentials: { token: SECRETS.providerToken, signature: SECRETS.signature, secretKey: SECRETS.taskipKey },
  });
  gateway = await watchGateway({
    GATEWAY_CONFIG: configFile(),
    T_TOKEN: SECRETS.providerToken,
    T_SIG: SECRETS.signature,
    T_TASKIP: SECRETS.taskipKey,
    GATEWAY_API_KEYS: `inbox:${SECRETS.apiKey}`,
  });
});
afterAll(async () => {
  gateway.child.kill('SIGKILL');
  await Promise.all(sims.map((s) => s.close()));
});

const auth = { authorization: `Bearer ${SECRETS.apiKey}` };

async function ask(query: string, headers: Record<string, string> = auth): Promise<string> {
  const answer = await post(gateway.url, query, headers);
  answers.push(answer.text);
  return answer.text;
}

describe('credentials', () => {
  it('appear in no answer and no log line, whatever is asked and whatever fails', async () => {
    expect(gateway.output()).toContain('ticket-gateway on');
    // Ordinary reads and writes, a provider failure, refusals, and hostile inputs that echo values.
    await ask('{ providers { id key } tickets(first: 5) { edges { node { id raw subject } } } }');
    await ask('{ tickets(first: 1) { totalCount } }', { authorization: `Bearer ${SECRETS.taskipKey}` });
    await ask('{ __typename }', { authorization: SECRETS.apiKey });
    await ask(`{ tickets(first: 5, filter: { search: "${SECRETS.taskipKey}" }) { edges { node { id } } } }`);
    await ask(`{ node(id: "${SECRETS.providerToken}") { id } }`);
    await ask(`{ tickets(first: "${SECRETS.signature}") { totalCount } }`);
    await ask(`mutation { createTicket(input: { provider: "taskip", subject: "", body: "${SECRETS.taskipKey}" }) {
      __typename ... on Error { message code } ... on ValidationError { fieldErrors { field message } } } }`);
    const taskip = sims.find((s) => s.key === 'taskip')!;
    taskip.controls.addFault({ route: '*', kind: 'status', status: 401, times: 1 });
    await ask('{ tickets(first: 3, filter: { providers: ["taskip"] }) { edges { node { id } } } }');
    answers.push(JSON.stringify(await sseFirst(gateway.url, '{ __typename }', auth)));
    const ws = wsWith(gateway.wsUrl, auth);
    answers.push(JSON.stringify(await firstOutcome(ws, `{ node(id: "${SECRETS.signature}") { id } }`)));
    await ws.dispose();
    const seen = [...answers, gateway.output()].join('\n');
    expect(answers.length).toBeGreaterThan(8);
    for (const [name, value] of Object.entries(SECRETS)) expect(seen.includes(value), name).toBe(false);
  });
});
