import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatorControls } from './controls.js';
import { Router } from './router.js';
import { controlRoutes } from './control-routes.js';
import type { FaultRule, SimMethod, SimRequest, SimResponse, SimulatorDefinition } from './types.js';

/** The largest request body a simulator reads (IPPanel takes 10 MB files). */
const MAX_BODY = 16 * 1024 * 1024;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** A started simulator. */
export interface RunningSimulator {
  key: string;
  /** Where the docs' host stands: the docs' paths appended to it work as written. */
  baseUrl: string;
  /** Scheme, host and port; the control routes live at `${origin}/__sim/`. */
  origin: string;
  headers: Record<string, string>;
  controls: SimulatorControls;
  definition: SimulatorDefinition;
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  host?: string;
}

/** Starts one provider simulator on a real HTTP port (0 picks a free one). */
export async function startSimulator(
  definition: SimulatorDefinition,
  options: StartOptions = {},
): Promise<RunningSimulator> {
  const controls = new SimulatorControls();
  const router = new Router(definition.routes.map((r) => ({ ...r, path: definition.basePath + r.path })));
  const control = new Router(controlRoutes(definition, controls));
  const server = createServer({ keepAliveTimeout: 10_000 }, (req, res) => {
    handle(definition, controls, router, control, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: String(error) } });
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    key: definition.key,
    baseUrl: origin + definition.basePath,
    origin,
    headers: definition.headers,
    controls,
    definition,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  definition: SimulatorDefinition,
  controls: SimulatorControls,
  router: Router,
  control: Router,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  if (raw === undefined) return send(res, { status: 413, body: { message: 'Request body too large' } });
  const verb = (METHODS.has(method) ? method : 'GET') as SimMethod;
  const isControl = url.pathname.startsWith('/__sim/');
  const match = (isControl ? control : router).match(verb, url.pathname);
  const request: SimRequest = {
    method: verb,
    path: url.pathname,
    route: match?.id ?? 'unmatched',
    params: match?.params ?? {},
    query: url.searchParams,
    headers: req.headers,
    body: undefined,
  };
  await parseBody(request, req.headers['content-type'], raw);
  if (isControl) return send(res, match ? await match.route.handler(request) : notFoundControl());
  controls.count(request.route, `${method} ${url.pathname}${url.search}`);
  const delay = controls.latencyFor(request.route);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const fault = controls.takeFault(request.route);
  if (fault && !fault.afterHandler && fault.kind !== 'slow-body') return sendFault(res, fault);
  const response = await answer(definition, match, request, method);
  if (fault?.kind === 'slow-body') return sendSlowly(res, withHeaders(response, fault.headers), fault);
  return fault ? sendFault(res, fault) : send(res, response);
}

/** The provider's own answer: its 404, its auth refusal, or the route's. */
async function answer(
  definition: SimulatorDefinition,
  match: ReturnType<Router['match']>,
  request: SimRequest,
  method: string,
): Promise<SimResponse> {
  if (!match || !METHODS.has(method)) return definition.notFound(request);
  if (match.route.auth !== false) {
    const denied = definition.authenticate(request);
    if (denied) return denied;
  }
  return match.route.handler(request);
}

function notFoundControl(): SimResponse {
  return { status: 404, body: { message: 'Unknown control route' } };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function parseBody(request: SimRequest, contentType: string | undefined, raw: Buffer): Promise<void> {
  if (raw.length === 0) return;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
    try {
      request.body = await new Request('http://simulator/', {
        method: 'POST',
        headers: { 'content-type': contentType ?? '' },
        body: new Uint8Array(raw),
      }).formData();
    } catch (error) {
      request.bodyError = `Malformed form body: ${String(error)}`;
    }
    return;
  }
  const text = raw.toString('utf8');
  if (type.includes('json') || type === '') {
    try {
      request.body = JSON.parse(text);
    } catch {
      request.bodyError = 'Malformed JSON body';
      request.body = text;
    }
    return;
  }
  request.body = text;
}

/** The bytes of a simulator response: `raw`, or `body` as JSON. */
function bodyOf(response: SimResponse): string | Buffer {
  return (
    response.raw ?? (response.body === undefined ? '' : Buffer.from(JSON.stringify(response.body), 'utf8'))
  );
}

/** The response's headers over the JSON defaults; a response header replaces a default of any case. */
function headersOf(response: SimResponse, body: string | Buffer): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  };
  for (const name of Object.keys(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower !== name && lower in headers) delete headers[lower];
  }
  return { ...headers, ...response.headers };
}

/** Writes a simulator response as JSON (or raw). */
export function send(res: ServerResponse, response: SimResponse): void {
  const body = bodyOf(response);
  res.writeHead(response.status, headersOf(response, body));
  res.end(body);
}

/** `response` with a fault's extra headers; one of them replaces the response's own of any case. */
function withHeaders(response: SimResponse, extra: Record<string, string> | undefined): SimResponse {
  if (!extra) return response;
  const names = new Set(Object.keys(extra).map((n) => n.toLowerCase()));
  const own = Object.entries(response.headers ?? {}).filter(([n]) => !names.has(n.toLowerCase()));
  return { ...response, headers: { ...Object.fromEntries(own), ...extra } };
}

function sendFault(res: ServerResponse, fault: FaultRule): void {
  switch (fault.kind) {
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'malformed':
      return send(
        res,
        withHeaders({ status: 200, raw: '{"data": [{"id": 1, "subject": "trunc' }, fault.headers),
      );
    case 'oversized': {
      const bytes = fault.bytes ?? 8 * 1024 * 1024;
      const filler = 'x'.repeat(Math.max(0, bytes - 20));
      return send(res, withHeaders({ status: 200, raw: `{"data":[],"pad":"${filler}"}` }, fault.headers));
    }
    case 'status':
      return send(
        res,
        withHeaders(
          {
            status: fault.status ?? 500,
            body: fault.body ?? { message: `Injected fault ${fault.status ?? 500}` },
          },
          fault.headers,
        ),
      );
    case 'slow-body':
      // Answered by `sendSlowly`, after the route's handler.
      return;
  }
}

/**
 * The `slow-body` fault: the status line and headers at once (with the whole body's
 * `content-length`), then the body in `chunks` pieces, one every `ms / chunks`, the last at
 * `ms`. Stops when the client goes away (or the simulator closes).
 */
function sendSlowly(res: ServerResponse, response: SimResponse, fault: FaultRule): Promise<void> {
  const body = Buffer.from(bodyOf(response));
  res.writeHead(response.status, headersOf(response, body));
  res.flushHeaders();
  const ms = fault.ms ?? 0;
  const pieces = Math.max(1, Math.min(fault.chunks ?? 10, body.length));
  const started = Date.now();
  return new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let sent = 0;
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    res.once('close', stop);
    const next = (piece: number): void => {
      const due = started + (ms * (piece + 1)) / pieces;
      timer = setTimeout(
        () => {
          if (res.destroyed) return stop();
          const end = Math.round((body.length * (piece + 1)) / pieces);
          if (end > sent) res.write(body.subarray(sent, end));
          sent = end;
          if (piece + 1 < pieces) return next(piece + 1);
          res.end();
          stop();
        },
        Math.max(0, due - Date.now()),
      );
    };
    next(0);
  });
}
