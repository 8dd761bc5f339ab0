import type { Category } from '../writes.js';
import type { RawListItem } from './raw.js';

/**
 * Categories IPPanel is known to have: 10 and 11 are the docs' own examples, 12 and 13 the
 * ones the simulator's demo data adds (a real panel shows the same names). `id` is what
 * `POST /api/ticket` takes as `category_id`: the numeric id, as a string.
 */
export const KNOWN_CATEGORIES: readonly Category[] = [
  { id: '10', name: 'Plugins, Domains, API' },
  { id: '11', name: 'System Questions' },
  { id: '12', name: 'Financial' },
  { id: '13', name: 'Technical Support' },
];

/**
 * The known categories merged with those seen on list items, one per id, by numeric id.
 * A known name wins over a seen one (the list may carry a stale or translated name); an item
 * with a `category_id` but no category object is named by its id, so it can still be chosen.
 */
export function mergeCategories(items: readonly RawListItem[]): Category[] {
  const byId = new Map<string, Category>();
  for (const item of items) {
    const id = item.category?.id ?? item.category_id;
    if (id == null) continue;
    byId.set(String(id), { id: String(id), name: item.category?.name ?? String(id) });
  }
  for (const known of KNOWN_CATEGORIES) byId.set(known.id, known);
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}
