import { describe, expect, it } from 'vitest';
import { startSimulator, taskipSimulator } from '../../../src/simulators/index.js';
import { RateLimiter } from '../../../src/simulators/taskip/rate-limit.js';
import { BASE, UNAUTHORIZED, call, start } from './helpers.js';

const TOO_MANY = {
  success: false,
  error: 'Too Many Requests',
  message: 'Rate limit exceeded. Please retry later.',
  status_code: 429,
};

const rate = (h: Headers) => ({
  limit: h.get('x-ratelimit-limit'),
  remaining: h.get('x-ratelimit-remaining'),
  reset: Number(h.get('x-ratelimit-reset')),
});

describe('rate limits', () => {
  it('are on by default (100/minute) with headers on every response of a known route', async () => {
    const sim = await startSimulator(taskipSimulator({ seed: 1, size: 5 }));
    try {
      const t0 = Date.now() / 1000;
      const first = await call(sim, BASE);
      expect(rate(first.headers)).toMatchObject({ limit: '100', remaining: '99' });
      expect(rate(first.headers).reset).toBeGreaterThan(t0);
      expect(rate(first.headers).reset).toBeLessThanOrEqual(Math.ceil(t0 + 61));
      const second = await call(sim, `${BASE}/1`);
      expect(rate(second.headers).remaining).toBe('98');
      const missing = await call(sim, `${BASE}/999`);
      expect(missing.status).toBe(404);
      expect(rate(missing.headers).remaining).toBe('97');
      const invalid = await call(sim, `${BASE}?limit=500`);
      expect(invalid.status).toBe(422);
      expect(rate(invalid.headers).remaining).toBe('96');
      // Unknown routes are answered before the throttle: no headers, no count.
      const unknown = await call(sim, '/api/public-v1/ticket/analytics');
      expect(unknown.headers.get('x-ratelimit-limit')).toBeNull();
      expect(rate((await call(sim, BASE)).headers).remaining).toBe('95');
    } finally {
      await sim.close();
    }
  });

  it('answers 429 beyond the minute burst, per key, and counts 401s of the presented key', async () => {
    const sim = await start({ rateLimit: { perMinute: 3, perHour: 1000 } });
    try {
      for (let i = 0; i < 3; i += 1) expect((await call(sim, BASE)).status).toBe(200);
      const refused = await call(sim, `${BASE}/1`);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual(TOO_MANY);
      expect(rate(refused.headers)).toMatchObject({ limit: '3', remaining: '0' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // A refused request does not count, and writes are refused too.
      expect((await call(sim, BASE, { method: 'POST', json: { subject: 'x', priority: 1 } })).status).toBe(
        429,
      );

      // Another key has its own budget: a wrong key gets its 401 with its own headers.
      const wrong = await call(sim, BASE, { key: 'other' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(UNAUTHORIZED);
      expect(rate(wrong.headers).remaining).toBe('2');

      // Reset clears the counters.
      await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
      const after = await call(sim, BASE);
      expect(after.status).toBe(200);
      expect(rate(after.headers).remaining).toBe('2');
    } finally {
      await sim.close();
    }
  });

  it('answers 429 beyond the hourly budget', async () => {
    const sim = await start({ rateLimit: { perMinute: 100, perHour: 2 } });
    try {
      const first = await call(sim, BASE);
      expect(rate(first.headers)).toMatchObject({ limit: '100', remaining: '1' });
      expect((await call(sim, BASE)).status).toBe(200);
      const refused = await call(sim, BASE);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    } finally {
      await sim.close();
    }
  });

  it('can be turned off', async () => {
    const sim = await start({ rateLimit: false });
    try {
      const res = await call(sim, BASE);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('restarts its windows when they pass', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ perMinute: 2, perHour: 3 }, () => now);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(true);
    const refused = limiter.take('k');
    expect(refused).toMatchObject({ allowed: false, retryAfter: 60 });
    expect(refused.headers['X-RateLimit-Reset']).toBe(String(Math.ceil((1_000_000 + 60_000) / 1000)));
    now += 60_000;
    const third = limiter.take('k');
    expect(third.allowed).toBe(true);
    // The hour budget (3) is now the tighter one: Remaining and Reset come from it.
    expect(third.headers).toEqual({
      'X-RateLimit-Limit': '2',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Math.ceil((1_000_000 + 3_600_000) / 1000)),
    });
    now += 60_000;
    expect(limiter.take('k')).toMatchObject({ allowed: false, retryAfter: 3600 - 120 });
    expect(limiter.take('other').allowed).toBe(true);
    now = 1_000_000 + 3_600_000;
    expect(limiter.take('k').allowed).toBe(true);
  });
});
