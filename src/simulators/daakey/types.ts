/**
 * Daakey's vocabulary and the records the simulator keeps, from the provider docs
 * (`../shared/providers/`: `000_…`, `001_…` and the README's Daakey section).
 */

/** Daakey's ticket statuses, as the client API spells them. */
export const DAAKEY_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type DaakeyStatus = (typeof DAAKEY_STATUSES)[number];

/** Daakey's ticket priorities; `normal` is the default on create. */
export const DAAKEY_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type DaakeyPriority = (typeof DAAKEY_PRIORITIES)[number];

/** One message as the simulator keeps it; times are ms since the epoch, whole seconds. */
export interface SimMessage {
  id: number;
  message: string;
  sender: 'client' | 'support';
  sender_name: string;
  attachments: string[];
  created_at: number;
  /** Whether the client has seen it; only unread `support` messages count in `unread_count`. */
  read: boolean;
}

/** A booking of the client, as the ticket detail shows it. */
export interface SimBooking {
  id: number;
  reference: string;
  vehicle: { id: number; plate_number: string; brand: string; model: string };
  start_date: string;
  end_date: string;
}

/** One ticket as the simulator keeps it; times are ms since the epoch. */
export interface SimTicket {
  id: number;
  reference: string;
  subject: string;
  status: DaakeyStatus;
  priority: DaakeyPriority;
  category: string;
  booking: SimBooking | null;
  created_at: number;
  updated_at: number;
  /** Oldest first; the first one is the ticket's opening text. */
  messages: SimMessage[];
}

/** What `POST /tickets` stores once validated. */
export interface NewTicket {
  subject: string;
  message: string;
  category: string;
  priority: DaakeyPriority;
  booking: SimBooking | null;
  attachments: string[];
}

/** What a new message carries once validated. */
export interface NewMessage {
  message: string;
  attachments: string[];
  sender: 'client' | 'support';
  sender_name: string;
}
