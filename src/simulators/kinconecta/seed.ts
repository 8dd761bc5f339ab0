import { Random, demoDefaults, spreadTimes, type DemoOptions } from '../core/random.js';
import { DOMAINS, FIRST, FIRST_EN, LAST, LAST_EN, TEMPLATES, TOURS } from './content.js';
import { KINCONECTA_STATUSES, type SimTicket } from './types.js';

/** Seeded data of a simulator: the tickets and the next ids its sequences hand out. */
export interface DemoData {
  tickets: SimTicket[];
  nextTicketId: number;
  nextAttachmentId: number;
}

/**
 * Formats epoch ms like Java's `Instant.toString()` (what Jackson writes for an `Instant`):
 * UTC with `Z`, and no fraction when the milliseconds are zero.
 */
export function instantString(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Deterministic demo tickets in id order (the order of a Spring JPA `findAll`). `createdAt`
 * is supplied by the client on create, so id order only roughly follows creation time: a few
 * neighbours are swapped, the last id carries an old (backdated) time, and tickets 3 and 4
 * share a timestamp (a double submit).
 */
export function demoData(options: DemoOptions = {}): DemoData {
  const { seed, size, now } = demoDefaults(options);
  const random = new Random(seed);
  const times = spreadTimes(random, size, now).reverse();
  for (let i = 1; i < times.length; i += 1) {
    if (random.chance(0.15)) [times[i - 1], times[i]] = [times[i] as number, times[i - 1] as number];
  }
  if (times.length >= 4) times[3] = times[2] as number;
  // A ticket entered late with a backdated createdAt: the highest id is not the newest.
  if (times.length >= 6)
    [times[1], times[times.length - 1]] = [times[times.length - 1] as number, times[1] as number];
  const data: DemoData = { tickets: [], nextTicketId: 1, nextAttachmentId: 1 };
  const firstStatus = random.int(0, 3);
  times.forEach((createdAt, i) => {
    // The first four tickets cycle through every status so each one is always represented.
    const status = i < 4 ? KINCONECTA_STATUSES[(firstStatus + i) % 4] : pickStatus(random);
    data.tickets.push(demoTicket(random, data, createdAt, status ?? 'open', now));
    // Deleted rows leave gaps in the id sequence.
    data.nextTicketId += random.chance(0.1) ? 2 : 1;
  });
  return data;
}

function pickStatus(random: Random): string {
  const roll = random.next();
  if (roll < 0.35) return 'open';
  if (roll < 0.6) return 'in_progress';
  if (roll < 0.8) return 'resolved';
  return 'closed';
}

function demoTicket(
  random: Random,
  data: DemoData,
  createdAt: number,
  status: string,
  now: number,
): SimTicket {
  const template = random.pick(TEMPLATES);
  const { fullName, email } = person(random);
  const id = data.nextTicketId;
  const touched = status === 'open' && random.chance(0.6) ? 0 : random.int(10, 5 * 24 * 60) * 60_000;
  return {
    id,
    roleContext: template.role,
    fullName,
    email,
    subject: template.subject,
    category: template.category,
    message: fill(random, template.message, createdAt),
    status,
    createdAt: instantString(createdAt),
    updatedAt: instantString(Math.min(now, createdAt + touched)),
    attachments: template.files
      .filter(() => random.chance(0.7))
      .map((fileName) => ({
        id: data.nextAttachmentId++,
        fileName,
        fileUrl: `https://cdn.kinconecta.com/support-tickets/${id}/${encodeURIComponent(fileName)}`,
      })),
  };
}

function person(random: Random): { fullName: string; email: string } {
  const english = random.chance(0.35);
  const first = random.pick(english ? FIRST_EN : FIRST);
  const last = random.pick(english ? LAST_EN : LAST);
  const ascii = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const email = `${ascii(first)}.${ascii(last)}${random.int(1, 99)}@${random.pick(DOMAINS)}`;
  return { fullName: `${first} ${last}`, email };
}

function fill(random: Random, text: string, createdAt: number): string {
  const date = new Date(createdAt - random.int(1, 10) * 86_400_000).toISOString().slice(0, 10);
  return text
    .replace('{tour}', random.pick(TOURS))
    .replace('{date}', date)
    .replace('{amount}', String(random.int(4, 60) * 100));
}
