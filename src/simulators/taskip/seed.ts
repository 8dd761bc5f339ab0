import { Random, spreadTimes, type DemoOptions } from '../core/random.js';
import {
  AGENT_LINES,
  CLIENT_LINES,
  CLIENTS,
  FILE_NAMES,
  NOTE_LINES,
  SYSTEM_LINES,
  SYSTEM_USER,
  TEAM,
  TOPICS,
} from './content.js';
import type { SimData, SimMedia, SimReply, SimTicket } from './types.js';

const MINUTE = 60_000;

/** The docs' example media: `attachment: 101` (create) and `attachment: 123` (reply). */
function exampleMedia(): SimMedia[] {
  return [
    {
      id: 101,
      url: 'https://cdn.taskip.net/attachments/ticket-attachment.pdf',
      name: 'screenshot.pdf',
      size: 2048576,
    },
    {
      id: 123,
      url: 'https://cdn.taskip.net/attachments/solution_guide.pdf',
      name: 'solution_guide.pdf',
      size: 245760,
    },
  ];
}

/**
 * Deterministic demo data from `seed`: `size` tickets (ids 1…size, oldest first) spread over
 * the six weeks before `now`, at whole minutes, with 0–5 replies each, every status and
 * priority represented, some attachments and a few tickets without description.
 */
export function seedTaskipData(options: Required<DemoOptions>): SimData {
  const random = new Random(options.seed);
  const data: SimData = {
    tickets: new Map(),
    users: new Map([...TEAM, ...CLIENTS, SYSTEM_USER].map((p) => [p.id, p])),
    teamIds: new Set(TEAM.map((p) => p.id)),
    media: new Map(exampleMedia().map((m) => [m.id, m])),
    nextTicketId: options.size + 1,
    nextReplyId: 1,
  };
  const times = spreadTimes(random, options.size, options.now).reverse();
  times.forEach((time, index) => {
    const ticket = seedTicket(random, data, index + 1, Math.floor(time / MINUTE) * MINUTE, options.now);
    data.tickets.set(ticket.id, ticket);
  });
  coverEnums(data, options.size);
  return data;
}

function seedTicket(random: Random, data: SimData, id: number, createdAt: number, now: number): SimTicket {
  const [subject, description, category] = random.pick(TOPICS);
  const user = random.pick(CLIENTS);
  const replies = seedReplies(random, data, user, createdAt, now);
  return {
    id,
    uuid: random.uuid(),
    subject,
    description: random.chance(0.1) ? null : description,
    priority: random.int(0, 4),
    status: random.int(0, 4),
    createdBy: random.chance(0.7) ? (TEAM[0] ?? user) : user,
    user,
    attachment: random.chance(0.35) ? seedMedia(random, data, 200 + id) : null,
    category,
    assignedTo: random.chance(0.8) ? random.pick(TEAM.slice(1)).id : null,
    tags: [],
    createdAt,
    updatedAt: replies.at(-1)?.createdAt ?? createdAt,
    replies,
  };
}

function seedMedia(random: Random, data: SimData, id: number): SimMedia {
  const name = random.pick(FILE_NAMES);
  const media = {
    id,
    url: `https://cdn.taskip.net/attachments/${random.hex(16)}/${name}`,
    name,
    size: random.int(2_000, 3_000_000),
  };
  data.media.set(id, media);
  return media;
}

function seedReplies(
  random: Random,
  data: SimData,
  client: SimReply['author'],
  createdAt: number,
  now: number,
): SimReply[] {
  const count = random.int(0, 5);
  const span = Math.max(0, now - createdAt);
  const times = Array.from(
    { length: count },
    () => createdAt + Math.floor((random.next() * span) / MINUTE) * MINUTE,
  );
  return times
    .sort((a, b) => a - b)
    .map((time, k) =>
      seedReply(random, data.nextReplyId++, k, client, Math.min(now, Math.max(time, createdAt + MINUTE))),
    );
}

function seedReply(
  random: Random,
  id: number,
  k: number,
  client: SimReply['author'],
  createdAt: number,
): SimReply {
  const roll = random.next();
  const base = { id, attachment: null, createdAt };
  if (k > 0 && roll < 0.15) {
    return {
      ...base,
      message: random.pick(NOTE_LINES),
      author: random.pick(TEAM),
      authorType: 'team_member',
      isPrivate: true,
      isNote: true,
    };
  }
  if (k > 0 && roll < 0.25) {
    return {
      ...base,
      message: random.pick(SYSTEM_LINES),
      author: SYSTEM_USER,
      authorType: 'system',
      isPrivate: false,
      isNote: false,
    };
  }
  const agent = k % 2 === 0;
  return {
    ...base,
    message: random.pick(agent ? AGENT_LINES : CLIENT_LINES),
    author: agent ? random.pick(TEAM) : client,
    authorType: agent ? 'team_member' : 'client',
    isPrivate: false,
    isNote: false,
  };
}

/** Makes sure every status and priority occurs (the first five tickets spread over the list). */
function coverEnums(data: SimData, size: number): void {
  for (let code = 0; code < Math.min(5, size); code += 1) {
    const ticket = data.tickets.get(1 + Math.floor((code * size) / 5));
    if (!ticket) continue;
    ticket.status = code;
    ticket.priority = (code + 2) % 5;
  }
}
