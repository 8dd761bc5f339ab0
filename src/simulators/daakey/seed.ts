import { Random, demoDefaults, spreadTimes, type DemoOptions } from '../core/random.js';
import {
  AGENTS,
  CLIENTS,
  CLIENT_FOLLOWUPS,
  RESOLUTIONS,
  SUPPORT_REPLIES,
  TOPICS,
  VEHICLES,
} from './content.js';
import type { Topic } from './content.js';
import type { DaakeyPriority, DaakeyStatus, SimBooking, SimMessage, SimTicket } from './types.js';

const STATUSES: readonly DaakeyStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
const PRIORITIES: readonly DaakeyPriority[] = ['low', 'normal', 'high', 'critical'];
/** Older tickets are mostly done. */
const OLD_STATUSES: readonly DaakeyStatus[] = ['resolved', 'closed', 'closed', 'in_progress'];
const DAY = 24 * 3600_000;
const CDN = 'https://cdn.daakey.com/uploads';

/** The seeded data of one simulator. */
export interface DemoData {
  clientName: string;
  tickets: Map<number, SimTicket>;
  bookings: SimBooking[];
  nextTicketId: number;
  nextMessageId: number;
  /** The newest time in the data; writes are stamped after it. */
  latest: number;
}

const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** Formats ms since the epoch the way the docs show times: `2024-01-15T10:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Deterministic demo data: `size` tickets of one client over the six weeks before `now`,
 * ids ascending with creation time, every status and priority present (from four tickets on),
 * 1–6 messages each (the opening text is the first message), some with photo or PDF URLs and
 * some agent replies the client has not read yet.
 */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const { seed, size, now } = demoDefaults(options);
  const random = new Random(seed);
  const data: DemoData = {
    clientName: random.pick(CLIENTS),
    tickets: new Map(),
    bookings: [],
    nextTicketId: 1,
    nextMessageId: 1,
    latest: seconds(now),
  };
  const times = spreadTimes(random, size, now).reverse();
  times.forEach((created, index) => {
    const ticket = makeTicket(random, data, index, seconds(created), now);
    data.tickets.set(ticket.id, ticket);
  });
  ensureUnread(data);
  return data;
}

function makeTicket(random: Random, data: DemoData, index: number, created: number, now: number): SimTicket {
  const id = data.nextTicketId++;
  const topic = random.pick(TOPICS);
  const old = now - created > 3 * 7 * DAY;
  // The first four tickets cover every status and priority; older tickets tend to be done.
  const status = index < 4 ? STATUSES[index]! : random.pick(old ? OLD_STATUSES : STATUSES);
  const priority = index < 4 ? PRIORITIES[(index + 1) % 4]! : random.pick(PRIORITIES);
  const booking = topic.booking ? makeBooking(random, data, created) : null;
  const ticket: SimTicket = {
    id,
    reference: `TK-${new Date(created).getUTCFullYear()}-${String(id).padStart(5, '0')}`,
    subject: topic.subject,
    status,
    priority,
    category: topic.category,
    booking,
    created_at: created,
    updated_at: created,
    messages: [],
  };
  ticket.messages = makeMessages(random, data, ticket, topic, now);
  ticket.updated_at = ticket.messages.at(-1)?.created_at ?? created;
  return ticket;
}

function makeBooking(random: Random, data: DemoData, created: number): SimBooking {
  const id = 5000 + data.bookings.length + 1;
  const vehicle = random.pick(VEHICLES);
  const start = seconds(created - random.int(0, 3) * DAY - random.int(0, 23) * 3600_000);
  const letters = (): string => String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25));
  const booking: SimBooking = {
    id,
    reference: `BK-${new Date(start).getUTCFullYear()}-${String(id).padStart(6, '0')}`,
    vehicle: {
      id: 200 + random.int(1, 60),
      plate_number: `${letters()}-${random.int(100, 999)}-${letters()}`,
      ...vehicle,
    },
    start_date: isoSeconds(start),
    end_date: isoSeconds(start + random.int(1, 7) * DAY),
  };
  data.bookings.push(booking);
  return booking;
}

/** Who wrote each message: the client opens; `open` tickets have no agent reply yet. */
function senders(random: Random, status: DaakeyStatus): Array<'client' | 'support'> {
  if (status === 'open') return random.chance(0.6) ? ['client'] : ['client', 'client'];
  const count = random.int(status === 'closed' ? 1 : 2, 6);
  const out: Array<'client' | 'support'> = ['client'];
  for (let i = 1; i < count; i += 1) {
    const previous = out[i - 1]!;
    out.push(random.chance(0.7) ? (previous === 'client' ? 'support' : 'client') : previous);
  }
  if (status === 'resolved' || (status === 'in_progress' && !out.includes('support'))) {
    out[out.length - 1] = 'support';
  }
  return out;
}

function makeMessages(
  random: Random,
  data: DemoData,
  ticket: SimTicket,
  topic: Topic,
  now: number,
): SimMessage[] {
  const who = senders(random, ticket.status);
  const span = Math.max(0, now - ticket.created_at);
  let at = ticket.created_at;
  const agent = random.pick(AGENTS);
  return who.map((sender, i) => {
    // Gaps below span/count keep every message before `now`, in order.
    if (i > 0) at = seconds(at + Math.floor((span / who.length) * (0.3 + 0.7 * random.next())));
    const last = i === who.length - 1;
    const body =
      i === 0 ? topic.opening : bodyFor(random, sender, topic, last && ticket.status === 'resolved');
    return {
      id: data.nextMessageId++,
      message: body,
      sender,
      sender_name: sender === 'client' ? data.clientName : agent,
      attachments: attachmentsFor(random, ticket, topic, sender, i),
      created_at: at,
      read: sender === 'client' || !last || random.chance(0.5),
    };
  });
}

function bodyFor(random: Random, sender: 'client' | 'support', topic: Topic, resolution: boolean): string {
  if (sender === 'client') return random.pick(CLIENT_FOLLOWUPS);
  if (resolution) return RESOLUTIONS[topic.category] ?? RESOLUTIONS['general']!;
  return random.pick(SUPPORT_REPLIES[topic.category] ?? SUPPORT_REPLIES['general']!);
}

function attachmentsFor(
  random: Random,
  ticket: SimTicket,
  topic: Topic,
  sender: 'client' | 'support',
  index: number,
): string[] {
  if (sender === 'client' && topic.photos && random.chance(index === 0 ? 0.6 : 0.2)) {
    const count = random.int(1, 2);
    return Array.from(
      { length: count },
      (_, n) => `${CDN}/tickets/${ticket.id}/photo-${index + 1}-${n + 1}.jpg`,
    );
  }
  if (sender === 'support' && topic.category === 'billing' && ticket.booking && random.chance(0.5)) {
    return [`${CDN}/invoices/INV-${ticket.booking.reference}.pdf`];
  }
  return [];
}

/** At least one agent reply is unread, so `unread_count > 0` shows up in the list. */
function ensureUnread(data: DemoData): void {
  const tickets = [...data.tickets.values()].reverse();
  const unread = tickets.some((t) => t.messages.some((m) => !m.read));
  if (unread) return;
  const withReply = tickets.find((t) => t.messages.at(-1)?.sender === 'support');
  const last = withReply?.messages.at(-1);
  if (last) last.read = false;
}
