import { Random } from '../simulators/core/random.js';
import type { RunningSimulator } from '../simulators/index.js';

const REPLIES = [
  'Thanks for your patience — we are looking into this now.',
  'Could you confirm the details once more so we can finish this?',
  'We have applied a fix on our side; please check and let us know.',
  'I have escalated this to the specialist team, you will hear from us shortly.',
  'Good news: this should now be resolved.',
];

/**
 * Demo mode's simulated support agents: every `intervalMs` one of them answers an open ticket
 * through a simulator's agent desk (or, where the provider takes no replies, moves its
 * status), so a new user sees live events arrive without doing anything.
 */
export function startDemoAgents(
  simulators: readonly RunningSimulator[],
  intervalMs = 10_000,
  seed = 1,
): () => void {
  const random = new Random(seed);
  const desks = simulators.filter((s) => s.definition.desk);
  let turn = 0;
  const act = (): void => {
    // Each provider's staff in turn, so every provider shows activity within a few turns.
    const sim = desks[turn++ % desks.length]!;
    const desk = sim.definition.desk!;
    const open = desk.openTickets();
    if (open.length === 0) return;
    const ticketId = random.pick(open.slice(0, 10));
    try {
      desk.reply(ticketId, random.pick(REPLIES));
    } catch {
      // Some providers take no replies (Kinconecta): their staff move the status instead.
      try {
        desk.setStatus(ticketId, 'in_progress');
      } catch {
        // Nothing this agent can do on this ticket; another one acts next time.
      }
    }
  };
  const timer = desks.length ? setInterval(act, intervalMs) : undefined;
  timer?.unref();
  return () => clearInterval(timer);
}
