/** IPPanel `importance` values. */
export type Importance = 'low' | 'normal' | 'acute';
/** IPPanel `state_id` values: 1 waiting for response … 5 forwarded. */
export type StateId = 1 | 2 | 3 | 4 | 5;

/**
 * `state.name` per `state_id`. Only `replied` (3) is in the docs; the other names are our
 * decision, derived from the documented labels.
 */
export const STATE_NAMES: Readonly<Record<StateId, string>> = {
  1: 'waiting_response',
  2: 'waiting_support',
  3: 'replied',
  4: 'closed',
  5: 'forwarded',
};
