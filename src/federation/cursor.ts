import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { TicketFilter } from '../providers/model.js';

/**
 * Where one provider's part of the list stands: the upstream page to resume from (counted in
 * pages of `pageSize`, when known) and the last ticket taken, or `done` when the provider has
 * nothing more.
 */
export type Position = { page: number; last?: readonly [number, string]; pageSize?: number } | 'done';

const page = z.number().int().min(1);
const positionSchema = z.union([
  z.literal(0),
  z.tuple([page, page]),
  z.tuple([page, z.number(), z.string(), page]),
]);
const cursorSchema = z.object({ v: z.literal(1), f: z.string(), p: z.record(z.string(), positionSchema) });

/** A stable fingerprint of a filter, so a cursor is not reused with another filter. */
export function filterFingerprint(filter: TicketFilter): string {
  const normalized = {
    providers: [...(filter.providers ?? [])].sort(),
    status: [...(filter.status ?? [])].sort(),
    priority: [...(filter.priority ?? [])].sort(),
    search: filter.search ?? null,
    createdAfter: filter.createdAfter?.toISOString() ?? null,
    createdBefore: filter.createdBefore?.toISOString() ?? null,
  };
  return createHash('sha256').update(JSON.stringify(normalized)).digest('base64url').slice(0, 12);
}

/** Encodes every provider's position into an opaque cursor. */
export function encodeCursor(fingerprint: string, positions: ReadonlyMap<string, Position>): string {
  const p: Record<string, z.infer<typeof positionSchema>> = {};
  for (const [key, pos] of positions) {
    if (pos === 'done') p[key] = 0;
    else {
      const size = pos.pageSize ?? 1;
      p[key] = pos.last ? [pos.page, pos.last[0], pos.last[1], size] : [pos.page, size];
    }
  }
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint, p }), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same filter; anything else is an `InputError`. */
export function decodeCursor(cursor: string, fingerprint: string): Map<string, Position> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('`after` is not a cursor this gateway issued.');
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new InputError('`after` is not a cursor this gateway issued.');
  if (parsed.data.f !== fingerprint) {
    throw new InputError(
      '`after` belongs to a different filter; start again without it or use the same filter.',
    );
  }
  const positions = new Map<string, Position>();
  for (const [key, pos] of Object.entries(parsed.data.p)) {
    if (pos === 0) positions.set(key, 'done');
    else if (pos.length === 4) positions.set(key, { page: pos[0], last: [pos[1], pos[2]], pageSize: pos[3] });
    else positions.set(key, { page: pos[0], pageSize: pos[1] });
  }
  return positions;
}
