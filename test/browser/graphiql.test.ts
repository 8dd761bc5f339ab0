import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { desk } from '../support/live.js';
import { authed, KEY_ALICE } from '../security/helpers.js';
import { CHROMIUM, hasChromium } from '../support/binaries.js';

/** Debian's chromium, started the way this machine allows (no background network, no sandbox as root). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let simulators: RunningSimulator[];
let gw: TestGateway;
let browser: Browser;

async function responseText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');
}

describe.skipIf(!hasChromium())('the GraphiQL page the gateway serves', () => {
  beforeAll(async () => {
    simulators = await startTestSimulators();
    gw = await startTestGateway(simulators, (c) => c, { pollIntervalMs: 200 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await Promise.all(simulators.map((s) => s.close()));
  });

  it('loads without any CDN and runs the example query', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    const expected = await gw.query<{ tickets: { totalCount: number } }>(
      '{ tickets(first: 1) { totalCount } }',
    );
    await page.goto(gw.gateway.url);
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('query Inbox'),
    );
    await page.locator('.graphiql-execute-button').click({ timeout: 15_000 });
    // What the browser received, whole (the response pane is an editor that renders only visible lines).
    const body = (await (await answer).json()) as {
      data: { tickets: { totalCount: number; edges: unknown[] } };
    };
    expect(body.data.tickets.totalCount).toBe(expected.data!.tickets.totalCount);
    expect(body.data.tickets.edges).toHaveLength(10);
    await expect.poll(() => responseText(page), { timeout: 10_000 }).toContain('"providers"');
    for (const key of ['daakey', 'ippanel', 'taskip'])
      expect(await responseText(page)).toContain(`"key": "${key}"`);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('shows a subscription live: an agent reply appears in the response pane', async () => {
    const page = await browser.newPage();
    const query = 'subscription { messageAdded(providers: ["daakey"]) { message { body authorType } } }';
    await page.goto(`${gw.gateway.url}?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-execute-button').click({ timeout: 15_000 });
    await expect.poll(() => gw.gateway.live.polling(), { timeout: 10_000 }).toContain('daakey');
    // A poll since the subscription started: the reply is news, not history.
    await gw.gateway.live.pollOnce('daakey');
    const ticketId = gw.sim('daakey').definition.desk!.openTickets()[0]!;
    await desk(gw.sim('daakey').origin, 'reply', { ticketId, body: 'Seen live in GraphiQL' });
    await expect.poll(() => responseText(page), { timeout: 10_000 }).toContain('Seen live in GraphiQL');
    await page.close();
  });

  it('sends the key typed in its Headers editor, for queries and for subscriptions (over SSE)', async () => {
    const locked = await startTestGateway(simulators, (c) => c, { pollIntervalMs: 200, security: authed() });
    const page = await browser.newPage();
    try {
      const query = 'subscription { messageAdded(providers: ["ippanel"]) { message { id body } } }';
      await page.goto(`${locked.gateway.url}?query=${encodeURIComponent(query)}`);
      await page.getByText('Headers', { exact: true }).click({ timeout: 15_000 });
      await page.locator('.graphiql-editor-tool .graphiql-editor').last().click();
      // insertText: no key events, so the editor's bracket auto-closing does not double anything.
      await page.keyboard.insertText(`{"Authorization": "Bearer ${KEY_ALICE}"}`);
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(() => locked.gateway.live.polling(), { timeout: 10_000 }).toContain('ippanel');
      await locked.gateway.live.pollOnce('ippanel');
      const ticketId = locked.sim('ippanel').definition.desk!.openTickets()[0]!;
      await desk(locked.sim('ippanel').origin, 'reply', { ticketId, body: 'Seen with a key' });
      await expect.poll(() => responseText(page), { timeout: 10_000 }).toContain('Seen with a key');
    } finally {
      await page.close();
      await locked.close();
    }
  });
});
