import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { refusal } from './edge/http-guards.js';
import { MultipartRefusal, readMap, readOperations, type FileSlot, type Operation } from './multipart-map.js';

/** Limits of one GraphQL multipart request. */
export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxFieldBytes: number;
}

/** A request over a limit, answered 413 with yoga's code for it. */
class UploadTooLarge extends Error {}

interface Parsed {
  params: GraphQLParams;
  cleanup: () => Promise<void>;
}

/** A stored file part: where on disk, its file name and declared type. */
interface Received {
  path: string;
  name: string;
  type: string;
}
type Sent = Omit<Received, 'path'>;

/** What one request has sent so far, in the spec's order: operations, map, files. */
interface Form {
  dir: string;
  limits: UploadLimits;
  operation?: Operation;
  slots?: Map<string, FileSlot[]>;
  files: Map<string, Received>;
  writes: Array<Promise<void>>;
  failed: boolean;
}

/**
 * Parses a GraphQL multipart request (the spec's `operations`, `map`, then the files),
 * streaming each file to a temporary file, never into memory. The map is checked against
 * the operation before any file is stored. Resolvers get platform `File`s backed by those
 * files, which undici streams on to the provider; their size is known before any upstream
 * call, so the providers' limits are checked first. On failure nothing is left on disk.
 */
export async function parseMultipart(request: Request, limits: UploadLimits): Promise<Parsed> {
  const dir = await mkdtemp(join(tmpdir(), 'ticket-gateway-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const form: Form = { dir, limits, files: new Map(), writes: [], failed: false };
  try {
    await receive(request, form);
    return { params: await complete(form), cleanup };
  } catch (error) {
    // A write still under way would recreate its file after the folder is gone.
    await Promise.allSettled(form.writes);
    await cleanup();
    throw error;
  }
}

/**
 * Feeds the body to busboy. The first failure answers at once; the rest of the body is
 * still read (and its files discarded), so the client is not cut off mid-upload.
 */
function receive(request: Request, form: Form): Promise<void> {
  const { maxFileBytes, maxFiles, maxFieldBytes } = form.limits;
  const busboy = Busboy({
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    limits: { fileSize: maxFileBytes, files: maxFiles, fieldSize: maxFieldBytes },
  });
  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (!form.failed) reject(error);
      form.failed = true;
    };
    const attempt = (step: () => void) => {
      try {
        step();
      } catch (error) {
        fail(error);
      }
    };
    busboy.on('field', (name, value, _nameCut, valueCut) =>
      attempt(() => onField(form, name, value, valueCut)),
    );
    busboy.on('file', (name, stream, filename, _encoding, mimeType) =>
      attempt(() => void onFile(form, name, stream, { name: filename, type: mimeType })?.catch(fail)),
    );
    busboy.on('filesLimit', () => fail(new UploadTooLarge(`At most ${maxFiles} files are accepted.`)));
    busboy.on('error', fail);
    busboy.on('finish', () => void Promise.all(form.writes).then(() => resolve(), fail));
    const body = request.body as unknown as AsyncIterable<Uint8Array> | null;
    if (!body) return fail(new MultipartRefusal('The multipart request has no body.'));
    const source = Readable.from(body).on('error', (error) => {
      fail(error);
      // Ended mid-part, busboy fails the file being written, so that write cannot hang.
      busboy.end();
    });
    source.pipe(busboy);
  });
}

function onField(form: Form, name: string, value: string, valueCut: boolean): void {
  if (form.failed) return;
  if (valueCut) throw new UploadTooLarge(`Field "${name}" is over ${form.limits.maxFieldBytes} bytes.`);
  if (name === 'operations') {
    if (form.operation) throw new MultipartRefusal('The multipart field "operations" is sent twice.');
    form.operation = readOperations(value);
  } else if (name === 'map') {
    if (!form.operation) throw new MultipartRefusal('The multipart field "map" must follow "operations".');
    if (form.slots) throw new MultipartRefusal('The multipart field "map" is sent twice.');
    form.slots = readMap(value, form.operation);
  }
  // The spec has no other fields: any other is ignored.
}

/** Stores a mapped file, returning its write; a file the map does not name is read past. */
function onFile(form: Form, field: string, stream: BusboyFileStream, file: Sent): Promise<void> | undefined {
  const problem = form.failed ? undefined : misplaced(form, field);
  if (form.failed || problem || !form.slots?.has(field)) {
    // Read past it: busboy waits for every file stream to be consumed before going on.
    stream.resume();
    if (problem) throw problem;
    return undefined;
  }
  const received = { ...file, path: join(form.dir, String(form.files.size)) };
  form.files.set(field, received);
  const write = store(stream, received.path, form.limits.maxFileBytes);
  form.writes.push(write);
  return write;
}

function misplaced(form: Form, field: string): MultipartRefusal | undefined {
  if (!form.slots) return new MultipartRefusal('The multipart files must follow the "map" field.');
  if (form.files.has(field)) return new MultipartRefusal(`The multipart file "${field}" is sent twice.`);
  return undefined;
}

/** Writes one file part to disk, refusing it once it grows past the limit. */
async function store(stream: BusboyFileStream, path: string, maxBytes: number): Promise<void> {
  await pipeline(stream, createWriteStream(path));
  if (stream.truncated) throw new UploadTooLarge(`File size limit exceeded: ${maxBytes} bytes`);
}

/** Once every file is on disk: puts a disk-backed `File` at each place the map named. */
async function complete(form: Form): Promise<Operation> {
  if (!form.operation) throw new MultipartRefusal('The multipart request has no "operations" field.');
  if (!form.slots) throw new MultipartRefusal('The multipart request has no "map" field.');
  for (const [name, slots] of form.slots) {
    const file = form.files.get(name);
    if (!file) {
      if (slots.length === 0) continue;
      throw new MultipartRefusal(`The multipart request maps "${name}" but sends no such file.`);
    }
    // A Blob over the file on disk: reading it streams from the file.
    const blob = await openAsBlob(file.path);
    for (const slot of slots) slot(new File([blob], file.name, { type: file.type }));
  }
  return form.operation;
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
          return refusalOf(error);
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

/** One error, 413 for what is over a limit and 400 for everything else. */
function refusalOf(error: unknown): Response {
  const message = error instanceof Error ? error.message : 'The multipart request could not be read.';
  return error instanceof UploadTooLarge
    ? refusal(413, 'REQUEST_ENTITY_TOO_LARGE', message)
    : refusal(400, 'BAD_REQUEST', message);
}
