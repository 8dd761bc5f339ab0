import type { Category } from '../writes.js';

/**
 * Categories Kinconecta is known to use. The create route takes the category as free text, so
 * `Category.id` is the name itself. The first three are the docs' examples; the others are the
 * ones the simulator's demo tickets use (a real deployment would see the same names).
 */
export const KNOWN_CATEGORIES: readonly string[] = [
  'Technical Issue',
  'Billing',
  'General Inquiry',
  'Bookings',
  'Refunds',
  'Guide Payouts',
  'Profile Verification',
];

/**
 * The known categories, then those seen on tickets that are not among them (in the order
 * first seen). Blank values are skipped; names are compared exactly, since the upstream stores
 * and filters the string as sent.
 */
export function mergeCategories(seen: ReadonlyArray<string | null | undefined>): Category[] {
  const names = new Set(KNOWN_CATEGORIES);
  for (const name of seen) if (name && name.trim() !== '') names.add(name);
  return [...names].map((name) => ({ id: name, name }));
}
