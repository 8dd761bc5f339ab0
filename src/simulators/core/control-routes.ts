import type { SimulatorControls } from './controls.js';
import type { FaultRule, LatencyRule, SimResponse, SimRoute, SimulatorDefinition } from './types.js';

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

function bad(message: string): SimResponse {
  return { status: 400, body: { message } };
}

function guarded(run: () => SimResponse): SimResponse {
  try {
    return run();
  } catch (error) {
    return bad(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The `/__sim/*` control routes every simulator serves, next to the provider's own:
 * `GET stats`, `GET requests` (the request log), `POST faults` (a FaultRule, checked as
 * `SimulatorControls.addFault` checks it: a bad one is a 400 naming the field), `DELETE faults`, `POST latency` (a LatencyRule)
 * and `POST reset` (counters, faults, latency and the seeded data); with an agent desk,
 * `GET desk/open`, `POST desk/reply` (`{ticketId, body}`) and `POST desk/status` (`{ticketId, status}`).
 */
export function controlRoutes(definition: SimulatorDefinition, controls: SimulatorControls): SimRoute[] {
  const extra = (definition.controlRoutes ?? []).map((r) => ({ ...r, path: `/__sim${r.path}` }));
  return [
    { method: 'GET', path: '/__sim/stats', handler: () => ok(controls.stats()) },
    { method: 'GET', path: '/__sim/requests', handler: () => ok({ requests: controls.requestLog() }) },
    {
      method: 'POST',
      path: '/__sim/faults',
      handler: (req) => guarded(() => (controls.addFault(req.body as FaultRule), ok({ ok: true }))),
    },
    { method: 'DELETE', path: '/__sim/faults', handler: () => (controls.clearFaults(), ok({ ok: true })) },
    {
      method: 'POST',
      path: '/__sim/latency',
      handler: (req) => guarded(() => (controls.setLatency(req.body as LatencyRule), ok({ ok: true }))),
    },
    {
      method: 'POST',
      path: '/__sim/reset',
      handler: () => {
        controls.reset();
        definition.resetData();
        return ok({ ok: true });
      },
    },
    ...deskRoutes(definition),
    ...extra,
  ];
}

function deskRoutes(definition: SimulatorDefinition): SimRoute[] {
  const desk = definition.desk;
  if (!desk) return [];
  const field = (body: unknown, name: string): string => {
    const value = (body as Record<string, unknown> | null)?.[name];
    if (typeof value !== 'string' || value === '') throw new Error(`${name} is required (a string)`);
    return value;
  };
  return [
    { method: 'GET', path: '/__sim/desk/open', handler: () => ok({ tickets: desk.openTickets() }) },
    {
      method: 'POST',
      path: '/__sim/desk/reply',
      handler: (req) =>
        guarded(() => (desk.reply(field(req.body, 'ticketId'), field(req.body, 'body')), ok({ ok: true }))),
    },
    {
      method: 'POST',
      path: '/__sim/desk/status',
      handler: (req) =>
        guarded(
          () => (desk.setStatus(field(req.body, 'ticketId'), field(req.body, 'status')), ok({ ok: true })),
        ),
    },
  ];
}
