import { CATEGORIES } from './content.js';
import { STATE_NAMES, type SimInteraction, type SimTicket } from './types.js';

/** Laravel's JSON date: `2025-01-01T10:00:00.000000Z` (microseconds, UTC). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The show route's date: `2025-01-01 10:00:00` (no zone; UTC). */
export function plainDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function category(t: SimTicket): { id: number; name: string } | null {
  const c = CATEGORIES.find((x) => x.id === t.categoryId);
  return c ? { id: c.id, name: c.name } : null;
}

function subCategory(t: SimTicket): { id: number; title: string } | null {
  for (const c of CATEGORIES) {
    const sub = c.subs.find((s) => s.id === t.subCategoryId);
    if (sub) return { id: sub.id, title: sub.title };
  }
  return null;
}

/** A ticket in the list route's documented shape, key for key in the docs' order. */
export function listItem(t: SimTicket): Record<string, unknown> {
  return {
    id: t.id,
    ticket_id: t.id,
    user_id: t.userId,
    parent_id: t.parentId,
    category_id: t.categoryId,
    sub_category_id: t.subCategoryId,
    importance: t.importance,
    state_id: t.stateId,
    subject: t.subject,
    desc: t.desc,
    manager_comment: t.managerComment,
    close_desc: t.closeDesc,
    admin_seen: t.adminSeen,
    user_seen: t.userSeen,
    sms_notification: t.smsNotification,
    interaction_count: t.interactions.length,
    longest_interaction: t.longestInteraction,
    min_rate: null,
    deleted_at: null,
    created_at: isoMicros(t.createdAt),
    updated_at: isoMicros(t.updatedAt),
    jira_id: t.jiraId,
    rate: t.rate,
    rate_comment: t.rateComment,
    user: { user_id: t.userId, uname: t.uname },
    category: category(t),
    sub_category: subCategory(t),
    state: { id: t.stateId, name: STATE_NAMES[t.stateId] },
    forward: t.forward && {
      id: t.forward.id,
      from: t.forward.from,
      ticket_id: t.id,
      to: t.forward.to,
      created_at: isoMicros(t.forward.createdAt),
      updated_at: isoMicros(t.forward.updatedAt),
      deleted_at: null,
      seen: t.forward.seen,
    },
  };
}

/** One reply in the show route's shape; `private` is 0/1 like the other Laravel flags (decision). */
export function interactionItem(i: SimInteraction): Record<string, unknown> {
  return {
    id: i.id,
    description: i.description,
    agent_id: i.agentId,
    agent_username: i.agentUsername,
    created_at: plainDate(i.createdAt),
    attachment: i.attachment,
    private: i.private ? 1 : 0,
    username: i.username,
  };
}

/**
 * A ticket in the show route's shape: `category`, `sub_category` and `state` are plain
 * strings, `description` replaces `desc`, dates have no zone, one `attachment`, `interactions`.
 */
export function showItem(t: SimTicket): Record<string, unknown> {
  return {
    id: t.id,
    ticket_id: t.id,
    user_id: t.userId,
    username: t.uname,
    subject: t.subject,
    description: t.desc,
    category_id: t.categoryId,
    category: category(t)?.name ?? null,
    sub_category_id: t.subCategoryId,
    sub_category: subCategory(t)?.title ?? null,
    importance: t.importance,
    state_id: t.stateId,
    state: STATE_NAMES[t.stateId],
    sms_notification: t.smsNotification,
    close_desc: t.closeDesc,
    rate: t.rate,
    created_at: plainDate(t.createdAt),
    updated_at: plainDate(t.updatedAt),
    attachment: t.attachment,
    interactions: t.interactions.map(interactionItem),
  };
}
