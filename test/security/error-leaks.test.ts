import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_KINDS } from '../../src/providers/registry.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import type { FaultRule } from '../../src/simulators/index.js';
import { resetAll, startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { wsClient } from '../support/live.js';
import { send } from './helpers.js';

/**
 * Distinctive provider credentials (each simulator takes the ones its kind names: Daakey the
 * token and signature, IPPanel and Kinconecta the token, TaskIP the secret key), and one more
 * configured secret that is a GraphQL name, so a client can make an error message quote it.
 */
const CREDENTIALS = {
  token: 'tok-LEAK-4f9Qz7Lm2Xc8Rv',
  signature: 'sig/LEAK+8Jd3Kp6Wq1Ns5T',
  secretKey: 'tsk-LEAK-2Hb7Yc9Pe4Ua6M',
};
const NAME_SECRET = 'nameSecret_LEAK_7Qx9RZ2m';
const SECRETS = [...Object.values(CREDENTIALS), NAME_SECRET];
const { token, signature, secretKey } = CREDENTIALS;

let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators({ credentials: CREDENTIALS });
  gw = await startTestGateway(
    simulators,
    (config) => {
      const names = PROVIDER_KINDS.get(config.kind)!.credentialNames;
      const own = Object.fromEntries(names.map((n) => [n, CREDENTIALS[n as keyof typeof CREDENTIALS]]));
      return { ...config, credentials: own };
    },
    { secrets: SECRETS },
  );
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => resetAll(simulators));

/** Asserts that no spelling of any secret is in an answer. */
function expectNoSecret(text: string, label: string): void {
  for (const secret of SECRETS) {
    for (const spelling of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      expect(text.includes(spelling), `${label} leaks ${spelling}: ${text.slice(0, 400)}`).toBe(false);
    }
  }
}

/**
 * Refusals in each provider's documented error shape that echo the request, headers included,
 * the way a debugging upstream or a proxy in front of it might: every relayed field carries a
 * credential, raw or escaped.
 */
const ECHOES: Array<{ provider: string; route: string; status: number; body: unknown; input: object }> = [
  {
    provider: 'daakey',
    route: 'POST /api/v1/client/tickets',
    status: 422,
    body: {
      success: false,
      message: `The given data was invalid (Authorization: Bearer ${token}; X-Agency-Signature: ${signature}).`,
      errors: {
        subject: [`Rejected for signature ${encodeURIComponent(signature)}`],
        [token]: ['unknown field'],
      },
      data: null,
    },
    input: { subject: 'Door', body: 'Stuck', category: 'vehicle_issue' },
  },
  {
    provider: 'ippanel',
    route: 'POST /v1/api/ticket',
    status: 422,
    body: {
      data: null,
      meta: {
        status: false,
        message: `توکن ${token} معتبر نیست`,
        message_code: '400-2',
        errors: { subject: [token] },
      },
    },
    input: { subject: 'خط', body: 'لطفا', category: '10' },
  },
  {
    provider: 'taskip',
    route: 'POST /api/public-v1/support-ticket',
    status: 422,
    body: {
      success: false,
      error: 'Validation Error',
      message: `The given data was invalid for X-Secret-Key ${secretKey}`,
      errors: { subject: [`"${secretKey}" is not allowed here`] },
      status_code: 422,
    },
    input: { subject: 'Export', body: 'Fails', priority: 'HIGH' },
  },
  {
    provider: 'kinconecta',
    route: 'POST /api/support-tickets',
    status: 400,
    body: {
      timestamp: '2026-11-01T12:00:00.000+00:00',
      status: 400,
      error: 'Bad Request',
      message: `Validation failed for header Authorization=Bearer ${token}`,
      errors: [{ field: 'email', rejectedValue: token, defaultMessage: `rejected: ${token}`, code: 'Email' }],
      path: `/api/support-tickets;token=${token}`,
    },
    input: {
      subject: 'Tour',
      body: '¿Cuándo?',
      category: 'General Inquiry',
      requester: { name: 'Ana', email: 'ana@example.com' },
    },
  },
];

const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename ... on Error { message code } ... on ValidationError { fieldErrors { field message } }
} }`;

describe('provider-written error texts', () => {
  it.each(ECHOES)('$provider: an upstream echo of the credentials is relayed redacted', async (echo) => {
    const fault: FaultRule = {
      route: echo.route,
      kind: 'status',
      status: echo.status,
      body: echo.body,
      times: 1,
    };
    gw.sim(echo.provider).controls.addFault(fault);
    const answer = await send(gw.gateway.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: CREATE,
        variables: { input: { ...echo.input, provider: echo.provider } },
      }),
    });
    expect(gw.sim(echo.provider).controls.requests(echo.route)).toBe(1);
    expectNoSecret(answer.text, echo.provider);
    const result = (answer.json().data as { createTicket: { __typename: string; message: string } })
      .createTicket;
    expect(result.__typename).toBe('ValidationError');
    expect(answer.text).toContain('[redacted]');
  });

  it('a provider message of any length is cut to 500 characters', async () => {
    const message = `${'x'.repeat(100_000)}${secretKey}`;
    gw.sim('taskip').controls.addFault({
      route: 'POST /api/public-v1/support-ticket',
      kind: 'status',
      status: 422,
      body: { success: false, message, errors: { subject: [message] }, status_code: 422 },
      times: 1,
    });
    const res = await gw.query<{
      createTicket: { message: string; fieldErrors: Array<{ message: string }> };
    }>(CREATE, { input: { provider: 'taskip', subject: 'Export', body: 'Fails' } });
    expect(Array.from(res.data!.createTicket.message).length).toBeLessThanOrEqual(500);
    expect(Array.from(res.data!.createTicket.fieldErrors[0]!.message).length).toBeLessThanOrEqual(500);
  });

  it('a read failing with an echo answers only its code and provider', async () => {
    gw.sim('daakey').controls.addFault({
      route: '*',
      kind: 'status',
      status: 500,
      body: { success: false, message: `Bearer ${token} / ${signature}`, data: null },
    });
    const answer = await send(gw.gateway.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ tickets(first: 5, filter: { providers: ["daakey"] }) { totalCount } }',
      }),
    });
    expectNoSecret(answer.text, 'daakey read');
    expect(answer.json().errors?.[0]?.extensions?.['code']).toMatch(/^UPSTREAM_/);
  });
});

describe('the last safety net: errors that quote a secret', () => {
  it('over HTTP, a validation or coercion message quoting a configured secret is redacted', async () => {
    for (const [query, variables] of [
      [`{ ${NAME_SECRET} }`, {}],
      [
        'query($s: [TicketStatus!]) { tickets(first: 1, filter: { status: $s }) { totalCount } }',
        { s: [token] },
      ],
    ] as const) {
      const answer = await send(gw.gateway.url, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      expectNoSecret(answer.text, query);
      expect(answer.json().errors?.[0]?.message).toContain('[redacted]');
    }
  });

  it('over graphql-ws, a validation message quoting a configured secret is redacted', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    try {
      const outcome = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: `subscription { ticketChanged { ${NAME_SECRET} } }` },
          { next: (value) => resolve(value.errors), error: resolve, complete: () => resolve('complete') },
        );
      });
      const text = JSON.stringify(outcome);
      expectNoSecret(text, 'ws');
      expect(text).toContain('[redacted]');
      expect(text).toContain('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await client.dispose();
    }
  });
});
