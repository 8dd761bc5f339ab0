import { badInput } from '../errors.js';
import { decodeGlobalID } from '@pothos/plugin-relay';

/**
 * The local part of a global id: the provider instance key and remote ids, as a JSON array,
 * so remote ids may hold any character.
 */
export function localId(...parts: string[]): string {
  return JSON.stringify(parts);
}

/** Parses a local id made by `localId` with exactly `count` parts. */
export function parseLocalId(id: string, count: number): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(id);
  } catch {
    parts = undefined;
  }
  if (!Array.isArray(parts) || parts.length !== count || !parts.every((p) => typeof p === 'string')) {
    throw badInput('That id is not one this gateway issued.');
  }
  return parts as string[];
}

/** Decodes a global id of type `typename` into its `count` local parts, or a clear input error. */
export function decodeTypedId(globalId: string, typename: string, count: number): string[] {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw badInput(`"${globalId}" is not an id this gateway issued.`);
  }
  if (decoded.typename !== typename)
    throw badInput(`"${globalId}" is a ${decoded.typename} id, not a ${typename} id.`);
  return parseLocalId(decoded.id, count);
}
