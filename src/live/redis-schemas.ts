import { z } from 'zod';
import { TICKET_STATUSES } from '../providers/model.js';
import type { PollSnapshot, WriteNote } from './state.js';

/**
 * What the live state reads back from Redis, checked before use: Redis is shared with other
 * instances (and other versions of this one), so its contents are input like any other.
 */
const markSchema = z.object({
  signal: z.string(),
  status: z.enum(TICKET_STATUSES),
  fields: z.record(z.string(), z.string().nullable()),
  version: z.number(),
  messages: z.array(z.string()).optional(),
  since: z.number().nullable(),
});

const snapshotSchema = z.object({
  startedAt: z.number(),
  polledAt: z.number(),
  tickets: z.record(z.string(), markSchema),
  cursor: z.number(),
});

const noteKeySchema = z.tuple([z.string(), z.string()]);
const noteValueSchema = z.object({ value: z.string().nullable(), at: z.number() });

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored snapshot, or undefined when it is not one (the next poll starts afresh). */
export function parseSnapshot(text: string | null): PollSnapshot | undefined {
  if (!text) return undefined;
  const parsed = snapshotSchema.safeParse(json(text));
  return parsed.success ? parsed.data : undefined;
}

/** A stored write note, or undefined when either part is unreadable (it is then ignored). */
export function parseNote(field: string, text: string): WriteNote | undefined {
  const key = noteKeySchema.safeParse(json(field));
  const value = noteValueSchema.safeParse(json(text));
  if (!key.success || !value.success) return undefined;
  return { remoteId: key.data[0], field: key.data[1], value: value.data.value, at: value.data.at };
}
