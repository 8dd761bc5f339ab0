import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { watchGateway } from './process.js';

const KEY = 'k'.repeat(12) + 'distinct-key-Zq8';

describe('where it listens', () => {
  it('binds loopback with no configuration, and says the gateway is open to this machine only', async () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    const gateway = await watchGateway({});
    try {
      expect(gateway.output()).toContain('open to this machine only');
      const answer = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      gateway.child.kill('SIGKILL');
    }
  });

  it('refuses to start on a non-loopback HOST without client auth, naming GATEWAY_API_KEYS', async () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/GATEWAY_API_KEYS/);
    expect(() => loadConfig({ HOST: '192.0.2.10' })).toThrow(/GATEWAY_ALLOW_ANONYMOUS/);
    const gateway = await watchGateway({ HOST: '0.0.0.0' });
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toMatch(/Configuration error: HOST: "0.0.0.0" .*GATEWAY_API_KEYS/);
  });

  it('starts on any HOST with keys, a JWT secret, or anonymous access allowed explicitly', () => {
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_API_KEYS: KEY }).security.auth.apiKeys).toHaveLength(1);
    expect(
      loadConfig({ HOST: '0.0.0.0', GATEWAY_JWT_SECRET: 's'.repeat(32) }).security.auth.jwt,
    ).toBeDefined();
    expect(loadConfig({ HOST: '0.0.0.0', GATEWAY_ALLOW_ANONYMOUS: 'true' }).host).toBe('0.0.0.0');
  });

  it('reads keys as name:key or bare, inline or from a file, naming each without its value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-keys-'));
    const file = join(dir, 'keys');
    writeFileSync(file, `# clients\ninbox:${KEY}\n\n${KEY}-second\n`);
    const keys = loadConfig({ GATEWAY_API_KEYS: `file:${file}` }).security.auth.apiKeys;
    expect(keys.map((k) => k.name)).toEqual(['inbox', expect.stringMatching(/^key-[0-9a-f]{8}$/)]);
    expect(keys[1]!.name).not.toContain(KEY.slice(0, 8));
  });

  it('names the bad setting but never prints a secret in a configuration error', () => {
    const short = 'short-Secret9';
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ GATEWAY_API_KEYS: `app:${short}` }, /GATEWAY_API_KEYS: key 1 \("app"\) has 13 characters/],
      [{ GATEWAY_JWT_SECRET: short }, /GATEWAY_JWT_SECRET: has 13 characters/],
      [{ GATEWAY_JWKS_URL: 'ftp://keys' }, /GATEWAY_JWKS_URL/],
      [{ CORS_ORIGINS: 'inbox.example.com' }, /CORS_ORIGINS: "inbox.example.com"/],
      [{ MAX_BODY_BYTES: '5000', MAX_DOCUMENT_BYTES: '9000' }, /MAX_BODY_BYTES/],
      [{ OPERATION_TIMEOUT_MS: 'soon' }, /OPERATION_TIMEOUT_MS: .*"soon"/],
    ];
    for (const [env, message] of cases) {
      let error: Error | undefined;
      try {
        loadConfig(env);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(short);
    }
  });
});
