import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/uploads.js';

// A temp folder of our own, so that other test runs' uploads cannot show up in the checks
// of what is left on disk.
const outerTmp = process.env.TMPDIR;
let ownTmp: string;
beforeAll(() => {
  ownTmp = mkdtempSync(join(tmpdir(), 'uploads-parse-'));
  process.env.TMPDIR = ownTmp;
});
afterAll(() => {
  process.env.TMPDIR = outerTmp;
  rmSync(ownTmp, { recursive: true, force: true });
});

const LIMITS = { maxFileBytes: 1024 * 1024, maxFiles: 2, maxFieldBytes: 64 * 1024 };

function multipart(files: Record<string, File>, paths: Record<string, string[]>): Request {
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({ query: 'mutation($f: [File!]) { x(f: $f) }', variables: { f: [null, null] } }),
  );
  form.set('map', JSON.stringify(paths));
  for (const [name, file] of Object.entries(files)) form.set(name, file);
  return new Request('http://gateway/graphql', { method: 'POST', body: form });
}

describe('parseMultipart', () => {
  it('puts each file where the map says, as a File backed by a temporary file', async () => {
    const request = multipart(
      {
        '0': new File(['hello'], 'a.txt', { type: 'text/plain' }),
        '1': new File([new Uint8Array(3000)], 'b.zip'),
      },
      { '0': ['variables.f.0'], '1': ['variables.f.1'] },
    );
    const { params, cleanup } = await parseMultipart(request, LIMITS);
    const [a, b] = (params.variables as { f: File[] }).f;
    expect(a).toBeInstanceOf(File);
    expect([a!.name, a!.type, await a!.text()]).toEqual(['a.txt', 'text/plain', 'hello']);
    expect(b!.size).toBe(3000);
    await cleanup();
    // The bytes lived on disk: once the folder is gone, the File cannot be read any more.
    await expect(b!.arrayBuffer()).rejects.toThrow();
  });

  it('refuses a file over the limit while it arrives, and leaves nothing behind', async () => {
    const request = multipart(
      { '0': new File([new Uint8Array(LIMITS.maxFileBytes + 1)], 'big.zip') },
      { '0': ['variables.f.0'] },
    );
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow(/File size limit exceeded/);
    expect(uploadDirs()).toEqual([]);
  });

  it('refuses a map that names a file the request does not send', async () => {
    const request = multipart({}, { '0': ['variables.f.0'] });
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow(/sends no such file/);
    expect(uploadDirs()).toEqual([]);
  });

  it('refuses a map path outside variables before storing any file, leaving no folder', async () => {
    const request = multipart({ '0': new File(['x'], 'a.txt') }, { '0': ['__proto__.polluted'] });
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow(
      'The multipart map path "__proto__.polluted" is refused: files may only go under "variables.".',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(uploadDirs()).toEqual([]);
  });

  it('puts one file at several places when the map says so', async () => {
    const request = multipart(
      { '0': new File(['same'], 'a.txt') },
      { '0': ['variables.f.0', 'variables.f.1'] },
    );
    const { params, cleanup } = await parseMultipart(request, LIMITS);
    const files = (params.variables as { f: File[] }).f;
    expect(await Promise.all(files.map((f) => f.text()))).toEqual(['same', 'same']);
    await cleanup();
  });

  it('does not store a sent file that the map does not name', async () => {
    const request = multipart(
      { '0': new File(['kept'], 'a.txt'), extra: new File(['dropped'], 'b.txt') },
      { '0': ['variables.f.0'] },
    );
    const { params, cleanup } = await parseMultipart(request, LIMITS);
    expect((params.variables as { f: Array<File | null> }).f.map((f) => f?.name ?? null)).toEqual([
      'a.txt',
      null,
    ]);
    // Only the mapped file reached the disk.
    expect(uploadDirs().map((dir) => readdirSync(join(ownTmp, dir)))).toEqual([['0']]);
    await cleanup();
  });

  it('refuses files sent before the map, as the spec orders the fields', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ x }', variables: { f: null } }));
    form.set('0', new File(['x'], 'a.txt'));
    form.set('map', JSON.stringify({ '0': ['variables.f'] }));
    const request = new Request('http://gateway/graphql', { method: 'POST', body: form });
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow(/must follow the "map" field/);
  });

  it('rejects a body that breaks off in the middle of a file, and leaves nothing behind', async () => {
    const whole = multipart(
      { '0': new File([new Uint8Array(200_000)], 'a.zip') },
      { '0': ['variables.f.0'] },
    );
    const bytes = new Uint8Array(await whole.arrayBuffer());
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 100_000));
        // Later, so that the first half (and part of the file) is read before the break.
        setTimeout(() => controller.error(new Error('client went away')), 50);
      },
    });
    const request = new Request('http://gateway/graphql', {
      method: 'POST',
      body,
      headers: { 'content-type': whole.headers.get('content-type')! },
      duplex: 'half',
    } as RequestInit);
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow();
    expect(uploadDirs()).toEqual([]);
  });

  it('refuses a request without a map', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ x }' }));
    const request = new Request('http://gateway/graphql', { method: 'POST', body: form });
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow(/has no "map" field/);
  });
});

function uploadDirs(): string[] {
  return readdirSync(ownTmp).filter((name) => name.startsWith('ticket-gateway-upload-'));
}
