import type { GraphQLParams } from 'graphql-yoga';

/** A malformed GraphQL multipart request, answered 400 BAD_REQUEST with its message. */
export class MultipartRefusal extends Error {}

/** The one operation of a multipart request (batching is off), with its query text. */
export type Operation = GraphQLParams & { query: string };

/** Puts a file where the map said, once the file is on disk. */
export type FileSlot = (file: File) => void;

// Segments that reach an object's prototype (or its constructor's) instead of the
// operation's own data: the way a map path pollutes `Object.prototype`.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * Reads the `operations` field: one JSON object with a string `query`. A batch (an array)
 * is refused, as batching is off for every request.
 */
export function readOperations(text: string): Operation {
  const value = parseField('operations', text);
  if (Array.isArray(value))
    throw new MultipartRefusal('The multipart field "operations" is a batch; batching is off.');
  if (!isOperation(value))
    throw new MultipartRefusal('The multipart field "operations" must be an object with a string "query".');
  return value;
}

/**
 * Reads the `map` field and checks every path in it against `operation`, before any file
 * is stored: each names an existing `null` under `variables.`, and no two name the same
 * place. Returns, per file field name, where that file goes.
 */
export function readMap(text: string, operation: Operation): Map<string, FileSlot[]> {
  const value = parseField('map', text);
  if (!isPlainObject(value))
    throw new MultipartRefusal('The multipart field "map" must be an object of path arrays.');
  const slots = new Map<string, FileSlot[]>();
  const taken = new Set<string>();
  for (const [name, paths] of Object.entries(value)) {
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string'))
      throw new MultipartRefusal(`The multipart map entry "${name}" must be an array of path strings.`);
    slots.set(
      name,
      paths.map((path: string) => {
        if (taken.has(path)) throw refused(path, 'another file is mapped there already');
        taken.add(path);
        return locate(operation, path);
      }),
    );
  }
  return slots;
}

/**
 * JSON.parse makes own properties only, but a `__proto__` own key still turns into a
 * prototype change as soon as anything copies the object with plain assignment (an
 * `Object.assign`, a merge), so such a key is refused outright.
 */
function parseField(field: string, text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__')
        throw new MultipartRefusal(`The multipart field "${field}" has a "__proto__" key.`);
      return value;
    });
  } catch (error) {
    if (error instanceof MultipartRefusal) throw error;
    throw new MultipartRefusal(`The multipart field "${field}" is not valid JSON.`);
  }
}

/** Walks own data of plain objects and arrays only, to a `null` the spec left for a file. */
function locate(operation: Operation, path: string): FileSlot {
  const segments = path.split('.');
  if (segments[0] !== 'variables' || segments.length < 2)
    throw refused(path, 'files may only go under "variables."');
  const forbidden = segments.find((segment) => FORBIDDEN.has(segment));
  if (forbidden !== undefined) throw refused(path, `the segment "${forbidden}" is not allowed`);
  let container: unknown = operation;
  for (const segment of segments.slice(0, -1)) {
    container = (container as Record<string, unknown>)[ownKey(container, segment, path)];
  }
  const key = ownKey(container, segments.at(-1)!, path);
  const target = container as Record<string, unknown>;
  if (target[key] !== null) throw refused(path, 'the value there is not null');
  return (file) => {
    target[key] = file;
  };
}

/** `segment` as an existing own key of `container`: an in-range index, or an own property. */
function ownKey(container: unknown, segment: string, path: string): string {
  if (Array.isArray(container)) {
    if (INDEX.test(segment) && Number(segment) < container.length) return segment;
    throw refused(path, `"${segment}" is not an index of the array there`);
  }
  if (isPlainObject(container) && Object.hasOwn(container, segment)) return segment;
  throw refused(path, `"${segment}" does not exist in the operation`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isOperation(value: unknown): value is Operation {
  return isPlainObject(value) && typeof value.query === 'string';
}

function refused(path: string, why: string): MultipartRefusal {
  return new MultipartRefusal(`The multipart map path "${path}" is refused: ${why}.`);
}
