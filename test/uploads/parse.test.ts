import { describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/uploads.js';

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
  });

  it('refuses a map that names a file the request does not send', async () => {
    const request = multipart({}, { '0': ['variables.f.0'] });
    await expect(parseMultipart(request, LIMITS)).rejects.toThrow(/sends no such file/);
  });
});
