import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_STATE_DB, stateDbVar } from '../../src/config-state.js';
import { openStateDb } from '../../src/stores/sqlite.js';

describe('STATE_DB', () => {
  it('defaults to a file under the working directory, and to memory in demo mode', () => {
    expect(stateDbVar({}, false)).toBe(resolve(DEFAULT_STATE_DB));
    expect(stateDbVar({}, true)).toBe(':memory:');
    expect(loadConfig({}).stateDb).toBe(':memory:');
    expect(stateDbVar({ STATE_DB: ':memory:' }, false)).toBe(':memory:');
    expect(stateDbVar({ STATE_DB: 'state/gw.db' }, true)).toBe(resolve('state/gw.db'));
  });

  it('refuses what cannot be a database file, saying why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-statedb-'));
    writeFileSync(join(dir, 'plain'), '');
    const cases: Array<[string, RegExp]> = [
      [dir, /STATE_DB: ".*" is a directory; name a file such as \.\/data\/ticket-gateway\.db, or :memory:/],
      [`${dir}/`, /STATE_DB: expected a file path/],
      ['file:state.db?mode=memory', /STATE_DB: expected a file path/],
      [join(dir, 'plain', 'gw.db'), /STATE_DB: ".*plain" in ".*" is a file, not a folder/],
    ];
    for (const [value, message] of cases) expect(() => loadConfig({ STATE_DB: value })).toThrow(message);
  });

  it('creates the folder of a fresh clone, and opens the file in WAL mode', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gw-statedb-')), 'data', 'nested', 'gw.db');
    const db = openStateDb(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(existsSync(path)).toBe(true);
  });
});
