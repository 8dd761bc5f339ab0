import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

/** The docs' own list path, appended to each simulator's baseUrl as the docs write it. */
const DOC_PATHS: Record<string, string> = {
  daakey: '/api/v1/client/tickets?status=open',
  ippanel: '/api/ticket?page=1&per_page=10',
  taskip: '/api/public-v1/support-ticket?page=1&limit=20',
  kinconecta: '/api/support-tickets',
};

describe('npm run simulators -- --json', () => {
  it('prints one line per provider whose baseUrl and headers work with the docs paths', async () => {
    // One process (no npx wrapper), so killing it leaves nothing behind.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/demo/cli.ts',
        '--json',
        '--daakey-port',
        '0',
        '--ippanel-port',
        '0',
        '--taskip-port',
        '0',
        '--kinconecta-port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const lines: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) {
        lines.push(line);
        if (lines.length === 4) break;
      }
      const entries = lines.map(
        (l) => JSON.parse(l) as { key: string; baseUrl: string; headers: Record<string, string> },
      );
      expect(entries.map((e) => e.key).sort()).toEqual(['daakey', 'ippanel', 'kinconecta', 'taskip']);
      expect(entries.find((e) => e.key === 'ippanel')!.baseUrl).toMatch(/\/v1$/);
      for (const entry of entries) {
        const res = await fetch(entry.baseUrl + DOC_PATHS[entry.key], { headers: entry.headers });
        expect(res.status, entry.key).toBe(200);
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});
