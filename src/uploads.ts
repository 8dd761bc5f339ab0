import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** Limits of one GraphQL multipart request. */
export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxFieldBytes: number;
}

/** A request refused while parsing, answered with yoga's code for it. */
class UploadTooLarge extends Error {}

interface Parsed {
  params: GraphQLParams;
  cleanup: () => Promise<void>;
}

/**
 * Parses a GraphQL multipart request (the spec's `operations`, `map`, then the files) by
 * streaming each file to a temporary file, never holding it in memory. The resolvers get
 * platform `File`s backed by those files, which undici streams on to the provider; their
 * size is known before any upstream call, so the providers' limits are checked first.
 */
export async function parseMultipart(request: Request, limits: UploadLimits): Promise<Parsed> {
  const dir = await mkdtemp(join(tmpdir(), 'ticket-gateway-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const { fields, files } = await receive(request, dir, limits);
    const params = JSON.parse(fields.get('operations') ?? 'null') as Parsed['params'] | null;
    const map = JSON.parse(fields.get('map') ?? '{}') as Record<string, string[]>;
    if (!params || typeof params !== 'object') throw new Error('The multipart request has no `operations`.');
    for (const [name, paths] of Object.entries(map)) {
      const file = files.get(name);
      if (!file) throw new Error(`The multipart request maps "${name}" but sends no such file.`);
      for (const path of paths) place(params, path, await diskFile(file));
    }
    return { params, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

interface Received {
  path: string;
  name: string;
  type: string;
}

function receive(request: Request, dir: string, limits: UploadLimits) {
  const fields = new Map<string, string>();
  const files = new Map<string, Received>();
  const writes: Array<Promise<void>> = [];
  const busboy = Busboy({
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fieldSize: limits.maxFieldBytes },
  });
  return new Promise<{ fields: typeof fields; files: typeof files }>((resolve, reject) => {
    busboy.on('field', (name, value, _nameCut, valueCut) => {
      if (valueCut) reject(new UploadTooLarge(`Field "${name}" is over ${limits.maxFieldBytes} bytes.`));
      fields.set(name, value);
    });
    busboy.on('file', (name, stream, filename, _encoding, mimeType) => {
      const path = join(dir, String(files.size));
      files.set(name, { path, name: filename, type: mimeType });
      writes.push(store(stream, path, limits.maxFileBytes));
    });
    busboy.on('filesLimit', () =>
      reject(new UploadTooLarge(`At most ${limits.maxFiles} files are accepted.`)),
    );
    busboy.on('error', reject);
    busboy.on('finish', () => {
      Promise.all(writes).then(() => resolve({ fields, files }), reject);
    });
    const body = request.body as unknown as AsyncIterable<Uint8Array> | null;
    if (!body) return reject(new Error('The multipart request has no body.'));
    Readable.from(body).on('error', reject).pipe(busboy);
  });
}

/** Writes one file part to disk, refusing it once it grows past the limit. */
async function store(stream: BusboyFileStream, path: string, maxBytes: number): Promise<void> {
  await pipeline(stream, createWriteStream(path));
  if (stream.truncated) throw new UploadTooLarge(`File size limit exceeded: ${maxBytes} bytes`);
}

async function diskFile(file: Received): Promise<File> {
  // A Blob over the file on disk: reading it streams from the file.
  return new File([await openAsBlob(file.path)], file.name, { type: file.type });
}

/** Sets `value` at a dotted path like `variables.input.attachments.0`. */
function place(target: object, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object')
      throw new Error(`The multipart map names "${path}", which is not there.`);
    node = next as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/**
 * The yoga plugin: multipart requests are parsed by `parseMultipart`, and their temporary
 * files are removed once the response is sent.
 */
export function useStreamedUploads(limits: UploadLimits): Plugin {
  const pending = new WeakMap<Request, () => Promise<void>>();
  return {
    onRequestParse: ({ request, setRequestParser }) => {
      if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return;
      setRequestParser(async (req) => {
        try {
          const { params, cleanup } = await parseMultipart(req, limits);
          pending.set(request, cleanup);
          return params;
        } catch (error) {
          return refusal(error);
        }
      });
    },
    onResponse: ({ request }) => {
      const cleanup = pending.get(request);
      pending.delete(request);
      return cleanup?.();
    },
  };
}

function refusal(error: unknown): Response {
  const tooLarge = error instanceof UploadTooLarge;
  const message = error instanceof Error ? error.message : 'The multipart request could not be read.';
  return new Response(
    JSON.stringify({
      errors: [{ message, extensions: { code: tooLarge ? 'REQUEST_ENTITY_TOO_LARGE' : 'BAD_REQUEST' } }],
    }),
    { status: tooLarge ? 413 : 400, headers: { 'content-type': 'application/json' } },
  );
}
