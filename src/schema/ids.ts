import { decodeGlobalID } from '@pothos/plugin-relay';
import { quoted } from '../errors.js';
import { badInput } from './errors.js';

/**
 * The types whose global ids the gateway issues: exactly those that implement `Node`
 * (`test/security/error-texts.test.ts` keeps this list and the schema in step). A well-formed id of
 * any other type, real (`PageInfo`) or not (`Foo`), is one the gateway never issued.
 */
export const NODE_TYPES: ReadonlySet<string> = new Set(['Ticket', 'Message', 'Attachment', 'Provider']);

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

/**
 * Decodes a global id of one of `NODE_TYPES` into its type name and local part. Anything else
 * (not base64 of `Type:local`, or a type without ids) is a BAD_USER_INPUT error, never the
 * relay plugin's own uncoded one: it is the Relay `decodeGlobalID` of the schema builder.
 */
export function decodeNodeId(globalId: string): { typename: string; id: string } {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  if (!decoded || !NODE_TYPES.has(decoded.typename)) {
    throw badInput(`${quoted(globalId)} is not an id this gateway issued.`);
  }
  return decoded;
}

/** Decodes a global id of type `typename` into its `count` local parts, or a clear input error. */
export function decodeTypedId(globalId: string, typename: string, count: number): string[] {
  const decoded = decodeNodeId(globalId);
  if (decoded.typename !== typename)
    throw badInput(`${quoted(globalId)} is a ${decoded.typename} id, not a ${typename} id.`);
  return parseLocalId(decoded.id, count);
}
