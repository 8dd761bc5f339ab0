import { FormData as UndiciFormData, Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { UpstreamError } from '../errors.js';

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
   * is never retried, and a failure after it may have reached the upstream answers
   * `UPSTREAM_OUTCOME_UNKNOWN`.
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

/**
 * Answers to a write after which it may have been saved all the same: a server that failed
 * after its commit (500), or a proxy whose upstream did not answer in time (502, 504). A 503
 * or 429 means the request was turned away before any work.
 */
const COMMITTED_MAYBE = new Set([500, 502, 504]);

/** Connection failures where the request surely never reached the upstream. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * An undici keep-alive pool for one provider instance with its auth headers and deadline.
 * It classifies failures into `UpstreamError` codes: 401/403 → `UPSTREAM_AUTH`, 429 and
 * 5xx → `UPSTREAM_UNAVAILABLE`, deadline → `UPSTREAM_TIMEOUT`, a body that is not JSON or
 * too large → `UPSTREAM_BAD_RESPONSE`. Other statuses are returned for the provider to read.
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
    });
  }

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      return await this.attempt(req);
    } catch (error) {
      // A kept-alive socket the upstream closed is retried once, for reads only.
      if (
        req.idempotent &&
        error instanceof UpstreamError &&
        error.code === 'UPSTREAM_UNAVAILABLE' &&
        !error.status
      ) {
        return this.attempt(req);
      }
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async attempt(req: UpstreamRequest): Promise<UpstreamResponse> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        method: req.method,
        path: this.prefix + req.path + queryString(req.query),
        headers: { accept: 'application/json', ...this.options.headers, ...bodyHeaders(req) },
        body: bodyOf(req),
        signal: deadline,
      });
    } catch (error) {
      throw this.transportError(error, req, deadline.aborted);
    }
    const text = await this.readText(response, deadline, req.idempotent);
    return { status: response.statusCode, body: this.interpret(response.statusCode, text, req.idempotent) };
  }

  private async readText(
    response: Dispatcher.ResponseData,
    deadline: AbortSignal,
    idempotent: boolean,
  ): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > this.options.maxResponseBytes) {
          response.body.destroy();
          throw this.fail(
            'UPSTREAM_BAD_RESPONSE',
            `response body over ${this.options.maxResponseBytes} bytes`,
          );
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      // The write reached the upstream (it answered); only its outcome was lost.
      if (!idempotent)
        throw this.fail('UPSTREAM_OUTCOME_UNKNOWN', 'connection lost while reading the answer', error);
      if (deadline.aborted)
        throw this.fail('UPSTREAM_TIMEOUT', 'deadline passed while reading the body', error);
      throw this.fail('UPSTREAM_UNAVAILABLE', 'connection failed while reading the body', error);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private interpret(status: number, text: string, idempotent: boolean): unknown {
    if (status === 401 || status === 403)
      throw this.fail('UPSTREAM_AUTH', `status ${status}`, undefined, status);
    if (!idempotent && COMMITTED_MAYBE.has(status)) {
      throw this.fail('UPSTREAM_OUTCOME_UNKNOWN', `write answered ${status}`, undefined, status);
    }
    if (status === 429 || status >= 500) {
      throw this.fail('UPSTREAM_UNAVAILABLE', `status ${status}`, undefined, status);
    }
    if (text === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.fail(
        'UPSTREAM_BAD_RESPONSE',
        `status ${status} with a body that is not JSON`,
        error,
        status,
      );
    }
  }

  private transportError(error: unknown, req: UpstreamRequest, timedOut: boolean): UpstreamError {
    const code = (error as { code?: unknown }).code;
    const neverSent = typeof code === 'string' && NOT_SENT.has(code);
    if (!req.idempotent && !neverSent) {
      return this.fail('UPSTREAM_OUTCOME_UNKNOWN', `write interrupted (${String(code ?? error)})`, error);
    }
    if (timedOut || error instanceof undiciErrors.HeadersTimeoutError) {
      return this.fail('UPSTREAM_TIMEOUT', `no answer within ${this.options.timeoutMs} ms`, error);
    }
    return this.fail('UPSTREAM_UNAVAILABLE', `connection failed (${String(code ?? error)})`, error);
  }

  private fail(code: UpstreamError['code'], detail: string, cause?: unknown, status?: number): UpstreamError {
    return new UpstreamError(code, this.options.provider, detail, status, { cause });
  }
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
