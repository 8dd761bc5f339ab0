/**
 * Kinconecta's vocabulary and the records the simulator keeps, from the provider docs
 * (`../shared/providers/`: `004_…` and the README's Kinconecta section).
 */

/** The status values (README: `open, in_progress, resolved, closed`; the docs' workflow names the same four). */
export const KINCONECTA_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;

/** One `SupportTicketsAttachment`: `{id, fileName, fileUrl}`. */
export interface SimAttachment {
  id: number;
  fileName: string;
  fileUrl: string;
}

/**
 * A support ticket as the simulator stores and returns it: every field the docs list as
 * required, `id` a Java `long`, timestamps as ISO 8601 instants, `attachments` always an array.
 */
export interface SimTicket {
  id: number;
  roleContext: string;
  fullName: string;
  email: string;
  subject: string;
  category: string;
  message: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  attachments: SimAttachment[];
}

/** The body of `POST /api/support-tickets` once bound: every field required, `attachments` optional. */
export interface NewTicket {
  roleContext: string;
  fullName: string;
  email: string;
  subject: string;
  category: string;
  message: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  attachments?: Array<{ fileName: string; fileUrl: string }>;
}
