import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamError } from '../../../src/errors.js';
import {
  acceptedBody,
  afterWrite,
  failureCode,
  retriesRead,
  type FailedExchange,
} from '../../../src/providers/write-policy.js';

/*
 * The write policy's table as data, row by row (the suites around it prove each kind follows
 * it over real HTTP): [how far the exchange got, read's code, write's code, read retried].
 */
const TABLE: Array<[string, FailedExchange, string, string, boolean]> = [
  [
    'refused / DNS',
    { stage: 'not-sent', timedOut: false },
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_UNAVAILABLE',
    true,
  ],
  [
    'connect timeout',
    { stage: 'not-sent', timedOut: true },
    'UPSTREAM_TIMEOUT',
    'UPSTREAM_UNAVAILABLE',
    false,
  ],
  ['401', { stage: 'status', status: 401 }, 'UPSTREAM_AUTH', 'UPSTREAM_AUTH', false],
  ['403', { stage: 'status', status: 403 }, 'UPSTREAM_AUTH', 'UPSTREAM_AUTH', false],
  ['429', { stage: 'status', status: 429 }, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', false],
  ['503', { stage: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', false],
  ['500', { stage: 'status', status: 500 }, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_OUTCOME_UNKNOWN', false],
  ['501', { stage: 'status', status: 501 }, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_OUTCOME_UNKNOWN', false],
  ['502', { stage: 'status', status: 502 }, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_OUTCOME_UNKNOWN', false],
  ['504', { stage: 'status', status: 504 }, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_OUTCOME_UNKNOWN', false],
  [
    'reset after sending',
    { stage: 'no-status', timedOut: false },
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_OUTCOME_UNKNOWN',
    true,
  ],
  [
    'no status by the deadline',
    { stage: 'no-status', timedOut: true },
    'UPSTREAM_TIMEOUT',
    'UPSTREAM_OUTCOME_UNKNOWN',
    false,
  ],
  [
    '2xx body cut',
    { stage: 'body', status: 201, problem: 'cut' },
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_OUTCOME_UNKNOWN',
    true,
  ],
  [
    '2xx body late',
    { stage: 'body', status: 200, problem: 'deadline' },
    'UPSTREAM_TIMEOUT',
    'UPSTREAM_OUTCOME_UNKNOWN',
    false,
  ],
  [
    '2xx too large',
    { stage: 'body', status: 200, problem: 'too-large' },
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_OUTCOME_UNKNOWN',
    false,
  ],
  [
    '2xx not JSON',
    { stage: 'body', status: 201, problem: 'not-json' },
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_OUTCOME_UNKNOWN',
    false,
  ],
  [
    '4xx body cut',
    { stage: 'body', status: 422, problem: 'cut' },
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_OUTCOME_UNKNOWN',
    true,
  ],
  [
    '4xx not JSON',
    { stage: 'body', status: 422, problem: 'not-json' },
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_BAD_RESPONSE',
    false,
  ],
  [
    '4xx too large',
    { stage: 'body', status: 404, problem: 'too-large' },
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_BAD_RESPONSE',
    false,
  ],
];

describe('the failure table', () => {
  it.each(TABLE)('%s: read %s… write …', (_name, failure, read, write, retried) => {
    expect(failureCode(failure, true)).toBe(read);
    expect(failureCode(failure, false)).toBe(write);
    expect(retriesRead(failure)).toBe(retried);
  });

  it('never answers a write with UPSTREAM_TIMEOUT (which would free its key)', () => {
    for (const [, failure] of TABLE) expect(failureCode(failure, false)).not.toBe('UPSTREAM_TIMEOUT');
  });
});

describe('acceptedBody', () => {
  const schema = z.object({ id: z.number() });
  it('parses a 2xx answer in the documented shape', () => {
    expect(acceptedBody(schema, { status: 201, body: { id: 7 } }, 'p', 'create')).toEqual({ id: 7 });
  });

  it('answers any other shape as UPSTREAM_OUTCOME_UNKNOWN', () => {
    const call = () => acceptedBody(schema, { status: 201, body: { ok: true } }, 'p', 'create');
    expect(call).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'p', status: 201 }),
    );
  });
});

describe('afterWrite', () => {
  const failing = (code: UpstreamError['code']) => () =>
    Promise.reject(new UpstreamError(code, 'p', 'read failed'));

  it('answers the state read back', async () => {
    await expect(afterWrite({ provider: 'p', what: 'w', reread: () => Promise.resolve(1) })).resolves.toBe(1);
  });

  it.each(['NOT_FOUND', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_AUTH'] as const)(
    'turns a read-back failing with %s into UPSTREAM_OUTCOME_UNKNOWN, never the code itself',
    async (code) => {
      const error = await afterWrite({ provider: 'p', what: 'reply 3', reread: failing(code) }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', provider: 'p' });
      expect((error as UpstreamError).detail).toContain(code);
    },
  );

  it("answers the write's own state when the answer held it", async () => {
    const step = {
      provider: 'p',
      what: 'create',
      reread: failing('UPSTREAM_UNAVAILABLE'),
      fallback: () => 2,
    };
    await expect(afterWrite(step)).resolves.toBe(2);
  });

  it('lets a bug through as it is (performWrite logs it and records an unknown outcome)', async () => {
    const bug = new TypeError('mapper bug');
    const step = { provider: 'p', what: 'create', reread: () => Promise.reject(bug), fallback: () => 2 };
    await expect(afterWrite(step)).rejects.toBe(bug);
  });
});
