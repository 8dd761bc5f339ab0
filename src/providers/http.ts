import { FormData as UndiciFormData, Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { UpstreamError } from '../errors.js';
import {
  answersItself,
  failureCode,
  retriesRead,
  type BodyProblem,
  type FailedExchange,
} from './write-policy.js';

/** One request to a provider, relative to its base URL. */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path appended to the base URL, e.g. `/api/ticket/show`. */
  path: string;
  /** Query parameters; `undefined` values are left out (IPPanel rejects empty ones). */
  query?: Record<string, string | number | undefined>;
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (Node's or undici's FormData). */
  form?: FormData | UndiciFormData;
  /**
   * Whether the request may be sent again when the connection fails: true for reads. A write
   * is never retried, and what its failures mean is `write-policy.ts`'s table.
   */
  idempotent: boolean;
}

/** An upstream answer whose status is for the provider to interpret (2xx, and 4xx but auth). */
export interface UpstreamResponse {
  status: number;
  /** The parsed JSON body, `unknown` until the provider's parser has looked at it. */
  body: unknown;
}

export interface UpstreamClientOptions {
  provider: string;
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Keep-alive connections to the upstream (default 16). */
  connections?: number;
}

/** An attempt's result: the answer for the provider to read, or how far the exchange got. */
type Attempt = { response: UpstreamResponse } | { failure: FailedExchange; detail: string; cause?: unknown };

/** A body as read: its JSON (null when empty), or why it could not be read. */
type BodyRead = { json: unknown } | { problem: BodyProblem; cause?: unknown };

/** Connection failures that only happen before anything was written to a socket. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * An undici keep-alive pool for one provider instance with its auth headers and deadline.
 * What a failure means is decided in `write-policy.ts`, for every provider alike: this class
 * only says how far each exchange got (never sent, sent without a status, a status it answers
 * itself, a body it could not read). Other statuses are returned for the provider to read.
 *
 * `timeoutMs` bounds the whole exchange, waiting for a connection included: undici honours an
 * abort only once a request is on a socket, so the deadline is also raced here.
 */
export class UpstreamClient {
  private readonly pool: Pool;
  private readonly prefix: string;

  constructor(private readonly options: UpstreamClientOptions) {
    const url = new URL(options.baseUrl);
    this.prefix = url.pathname.replace(/\/$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: 4_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // The raced deadline decides when a connection took too long; undici's own connect timer
      // (not 10 s) only frees the socket after it, and never answers before the deadline.
      connect: { timeout: options.timeoutMs + 1_000 },
    });
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    let attempt = await this.attempt(req);
    // A kept-alive socket the upstream closed is tried once more, for reads only.
    if ('failure' in attempt && req.idempotent && retriesRead(attempt.failure)) {
      attempt = await this.attempt(req);
    }
    if ('response' in attempt) return attempt.response;
    const { failure, detail, cause } = attempt;
    const status = failure.stage === 'status' || failure.stage === 'body' ? failure.status : undefined;
    const what = `${req.idempotent ? 'read' : 'write'} ${req.method} ${req.path}: ${detail}`;
    throw new UpstreamError(failureCode(failure, req.idempotent), this.options.provider, what, status, {
      cause,
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async attempt(req: UpstreamRequest): Promise<Attempt> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const sent = { value: false };
    let response: Dispatcher.ResponseData;
    try {
      response = await this.send(req, deadline, sent);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const neverSent = !sent.value || (typeof code === 'string' && NEVER_SENT.has(code));
      const timedOut = deadline.aborted || isUndiciTimeout(error);
      const failure: FailedExchange = { stage: neverSent ? 'not-sent' : 'no-status', timedOut };
      const why = typeof code === 'string' ? code : error instanceof Error ? error.name : String(error);
      return { failure, detail: `${failure.stage} (${why})`, cause: error };
    }
    const status = response.statusCode;
    if (answersItself(status)) {
      // Its body says nothing the gateway uses; the socket is dropped rather than drained.
      discard(response);
      return { failure: { stage: 'status', status }, detail: `status ${status}` };
    }
    const body = await this.readBody(response, deadline);
    if ('json' in body) return { response: { status, body: body.json } };
    const failure: FailedExchange = { stage: 'body', status, problem: body.problem };
    return { failure, detail: `status ${status}, body ${body.problem}`, cause: body.cause };
  }

  /**
   * The request, on a socket before `deadline` or not at all: once the deadline passes while
   * it still waits for a connection, it is given up here, and undici drops it unsent. `sent`
   * turns true as undici starts writing it.
   */
  private send(req: UpstreamRequest, deadline: AbortSignal, sent: { value: boolean }) {
    const pending = this.pool.compose(markSent(sent)).request({
      method: req.method,
      path: this.prefix + req.path + queryString(req.query),
      headers: { accept: 'application/json', ...this.options.headers, ...bodyHeaders(req) },
      body: bodyOf(req),
      signal: deadline,
    });
    return new Promise<Dispatcher.ResponseData>((resolve, reject) => {
      const giveUp = (): void => {
        if (!sent.value) reject(deadline.reason);
      };
      deadline.addEventListener('abort', giveUp, { once: true });
      pending.then(resolve, reject).finally(() => deadline.removeEventListener('abort', giveUp));
    });
  }

  private async readBody(response: Dispatcher.ResponseData, deadline: AbortSignal): Promise<BodyRead> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > this.options.maxResponseBytes) {
          discard(response);
          return { problem: 'too-large' };
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      return { problem: deadline.aborted || isUndiciTimeout(error) ? 'deadline' : 'cut', cause: error };
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return { json: text === '' ? null : (JSON.parse(text) as unknown) };
    } catch (error) {
      return { problem: 'not-json', cause: error };
    }
  }
}

/** Drops a body unread; the abort error its stream then emits has nobody to tell. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}

function isUndiciTimeout(error: unknown): boolean {
  return (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  );
}

/**
 * An interceptor that sets `sent` when undici puts the request on a connected socket: it
 * calls `onRequestStart` right before writing it. Every event is passed on.
 */
function markSent(sent: { value: boolean }): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, inner) => {
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (controller, context: unknown) => {
        sent.value = true;
        inner.onRequestStart?.(controller, context);
      },
      onRequestUpgrade: (...args) => inner.onRequestUpgrade?.(...args),
      onResponseStart: (...args) => inner.onResponseStart?.(...args),
      onResponseData: (...args) => inner.onResponseData?.(...args),
      onResponseEnd: (...args) => inner.onResponseEnd?.(...args),
      onResponseError: (...args) => inner.onResponseError?.(...args),
    };
    return dispatch(opts, handler);
  };
}

function queryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function bodyHeaders(req: UpstreamRequest): Record<string, string> {
  return req.json !== undefined ? { 'content-type': 'application/json' } : {};
}

function bodyOf(req: UpstreamRequest): Dispatcher.DispatchOptions['body'] {
  if (req.json !== undefined) return JSON.stringify(req.json);
  if (req.form) return toUndiciForm(req.form) as unknown as Dispatcher.DispatchOptions['body'];
  return undefined;
}

/** undici's pool encodes only its own FormData class; Node's global one is copied over. */
function toUndiciForm(form: FormData | UndiciFormData): UndiciFormData {
  if (form instanceof UndiciFormData) return form;
  const copy = new UndiciFormData();
  form.forEach((value, name) => copy.append(name, value));
  return copy;
}
