import type { SimMedia, SimPerson, SimReply, SimTicket } from './types.js';

/**
 * How the simulator renders its records in TaskIP's documented shapes: `date` as
 * `15-Jan-2024`, `time` as `09:30AM` (UTC, minute precision), `createAt` as relative text
 * against the simulator's clock, Reply Objects with ISO `created_at`.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `15-Jan-2024` in UTC. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;
}

/** `09:30AM` in UTC (12-hour clock, minutes only, as the docs show). */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${two(h12)}:${two(d.getUTCMinutes())}${hours < 12 ? 'AM' : 'PM'}`;
}

/** ISO 8601 without fractions, as the docs' Reply Object shows (`2024-01-16T18:35:00Z`). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UNITS: Array<[string, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** Relative text like Carbon's `diffForHumans`: `just now`, `1 minute ago`, `2 hours ago`. */
export function relativeText(ms: number, now: number): string {
  const diff = now - ms;
  for (const [unit, size] of UNITS) {
    const n = Math.floor(diff / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** The `{id, name, email}` person object. */
export function personJson(p: SimPerson): Record<string, unknown> {
  return { id: p.id, name: p.name, email: p.email };
}

/** The `{id, url, name, size}` attachment object, or null. */
export function mediaJson(m: SimMedia | null): Record<string, unknown> | null {
  return m ? { id: m.id, url: m.url, name: m.name, size: m.size } : null;
}

/** The documented ticket item (list items, create/update `data`). */
export function ticketJson(t: SimTicket, now: number): Record<string, unknown> {
  return {
    id: t.id,
    uuid: t.uuid,
    subject: t.subject,
    created_by: personJson(t.createdBy),
    user: personJson(t.user),
    priority: t.priority,
    status: t.status,
    description: t.description,
    attachment: mediaJson(t.attachment),
    createAt: relativeText(t.createdAt, now),
    date: formatDate(t.createdAt),
    time: formatTime(t.createdAt),
  };
}

/** The doc's Reply Object; notes appear as private team-member replies. */
export function replyObjectJson(r: SimReply): Record<string, unknown> {
  return {
    id: r.id,
    message: r.message,
    author: r.author.name,
    author_type: r.authorType,
    is_private: r.isPrivate,
    created_at: isoSeconds(r.createdAt),
  };
}

/** `GET /support-ticket/{id}`: the item, plus `replies[]` when the ticket has any. */
export function detailJson(t: SimTicket, now: number): Record<string, unknown> {
  const body = ticketJson(t, now);
  if (t.replies.length > 0) body['replies'] = [...t.replies].sort(byTime).map(replyObjectJson);
  return body;
}

/** The reply object of `POST /reply/{uuid}`'s answer. */
export function replyAnswerJson(r: SimReply, now: number): Record<string, unknown> {
  return {
    id: r.id,
    user: personJson(r.author),
    description: r.message,
    attachment: mediaJson(r.attachment),
    createAt: relativeText(r.createdAt, now),
    date: formatDate(r.createdAt),
    time: formatTime(r.createdAt),
  };
}

function byTime(a: SimReply, b: SimReply): number {
  return a.createdAt - b.createdAt || a.id - b.id;
}
