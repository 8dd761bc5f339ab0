import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
  const path = join(dir, 'gateway.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const twoTaskip = {
  providers: [
    {
      key: 'taskip-eu',
      kind: 'taskip',
      baseUrl: 'https://eu.example.test',
      credentials: { secretKey: { env: 'EU_KEY' } },
    },
    {
      key: 'taskip-us',
      kind: 'taskip',
      baseUrl: 'https://us.example.test',
      credentials: { secretKey: { env: 'US_KEY' } },
      pageSize: 25,
    },
  ],
};

describe('loadConfig', () => {
  it('runs in demo mode without GATEWAY_CONFIG, on port 4000', () => {
    const config = loadConfig({});
    expect(config.providers).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.pollIntervalMs).toBe(5000);
  });

  it('reads several instances of one kind with credentials from the environment', () => {
    const config = loadConfig({
      GATEWAY_CONFIG: configFile(twoTaskip),
      EU_KEY: 'k1',
      US_KEY: 'k2',
      PORT: '4010',
    });
    expect(config.port).toBe(4010);
    expect(config.providers?.map((p) => [p.key, p.kind, p.credentials['secretKey'], p.pageSize])).toEqual([
      ['taskip-eu', 'taskip', 'k1', expect.any(Number)],
      ['taskip-us', 'taskip', 'k2', 25],
    ]);
  });

  it('names the bad key and value', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: 'eighty' }, /PORT: .*"eighty"/],
      [
        { GATEWAY_CONFIG: configFile(twoTaskip), EU_KEY: 'k1' },
        /providers\[1\]\.credentials\.secretKey: environment variable US_KEY is not set/,
      ],
      [
        {
          GATEWAY_CONFIG: configFile({ providers: [{ ...twoTaskip.providers[0], kind: 'zendesk' }] }),
          EU_KEY: 'k',
        },
        /providers\[0\]\.kind: unknown provider kind "zendesk"/,
      ],
      [
        {
          GATEWAY_CONFIG: configFile({ providers: [{ ...twoTaskip.providers[0], baseUrl: 'ftp://x' }] }),
          EU_KEY: 'k',
        },
        /providers\[0\]\.baseUrl: .*"ftp:\/\/x"/,
      ],
      [
        {
          GATEWAY_CONFIG: configFile({ providers: [twoTaskip.providers[0], twoTaskip.providers[0]] }),
          EU_KEY: 'k',
        },
        /providers\[1\]\.key: duplicate key "taskip-eu"/,
      ],
      [{ GATEWAY_CONFIG: configFile('{ not json') }, /cannot read .* as JSON/],
      [
        {
          GATEWAY_CONFIG: configFile({ providers: [{ ...twoTaskip.providers[0], timeoutMs: 5 }] }),
          EU_KEY: 'k',
        },
        /providers\[0\]\.timeoutMs: .*\(got 5\)/,
      ],
    ];
    for (const [env, message] of cases) expect(() => loadConfig(env)).toThrow(message);
  });
});
