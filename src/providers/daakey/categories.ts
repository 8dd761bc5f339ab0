import type { Category } from '../writes.js';

/**
 * The categories known without asking: the docs name `vehicle_issue` and `billing`; the
 * others are those the simulator's demo data uses (a real agency sees the same names).
 * Daakey's create route takes the category string itself, so `id` is that string.
 */
export const KNOWN_CATEGORIES: readonly Category[] = [
  { id: 'vehicle_issue', name: 'Vehicle issue' },
  { id: 'billing', name: 'Billing' },
  { id: 'damage_report', name: 'Damage report' },
  { id: 'account', name: 'Account' },
  { id: 'booking', name: 'Booking' },
  { id: 'feedback', name: 'Feedback' },
  { id: 'general', name: 'General' },
];

/** A human name for a category string Daakey has no label for: `lost_item` → `Lost item`. */
export function categoryName(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words === '' ? id : words.charAt(0).toUpperCase() + words.slice(1);
}

/** The known categories, then those only seen on tickets (sorted), each once. */
export function mergeCategories(seen: Iterable<string | null | undefined>): Category[] {
  const known = new Set(KNOWN_CATEGORIES.map((c) => c.id));
  const extra = new Set<string>();
  for (const id of seen) if (id && id.trim() !== '' && !known.has(id)) extra.add(id);
  return [
    ...KNOWN_CATEGORIES.map((c) => ({ ...c })),
    ...[...extra].sort().map((id) => ({ id, name: categoryName(id) })),
  ];
}
