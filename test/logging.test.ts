import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { GatewayContext } from '../src/context.js';
import { toYogaLogger, type Logger } from '../src/log.js';
import { startGateway } from '../src/server.js';

/** A logger that keeps its lines, parsed, in `lines`. */
function capturing(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('logging settings', () => {
  it('are info and the terminal-dependent format by default', () => {
    expect(loadConfig({}).log).toEqual({ level: 'info', format: undefined });
  });

  it('take LOG_LEVEL and LOG_FORMAT in any case', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'json' }).log).toEqual({
      level: 'debug',
      format: 'json',
    });
    expect(loadConfig({ LOG_LEVEL: 'silent', LOG_FORMAT: 'Pretty' }).log).toEqual({
      level: 'silent',
      format: 'pretty',
    });
  });

  it('refuse anything else, naming the choices', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      'LOG_LEVEL: expected one of trace, debug, info, warn, error, silent, got "verbose"',
    );
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow('LOG_FORMAT: expected one of json, pretty');
  });
});

describe('the yoga logger', () => {
  it('turns an Error into an err field with its stack, and anything else into text', () => {
    const { log, lines } = capturing();
    const yoga = toYogaLogger(log);
    yoga.error(new Error('kaput'));
    yoga.debug('Parsing request', { n: 1 });
    expect(lines[0]).toMatchObject({ level: 50, component: 'yoga', msg: 'kaput' });
    expect((lines[0]!['err'] as { stack: string }).stack).toContain('kaput');
    expect(lines[1]).toMatchObject({ level: 20, component: 'yoga', msg: 'Parsing request { n: 1 }' });
  });
});

describe('the gateway logger', () => {
  it('reaches the resolvers as ctx.log, and gets the details of errors masked for the client', async () => {
    const { log, lines } = capturing();
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType<unknown, GatewayContext>({
        name: 'Query',
        fields: {
          noted: {
            type: GraphQLString,
            resolve: (_root, _args, ctx) => (ctx.log.warn({ client: ctx.client.id }, 'noted'), 'ok'),
          },
          broken: {
            type: GraphQLString,
            resolve: () => {
              throw new Error('internal detail');
            },
          },
        },
      }),
    });
    const gateway = await startGateway({ providers: new Map(), schema, logger: log });
    try {
      const answer = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ noted broken }' }),
      });
      const body = (await answer.json()) as { data: unknown; errors: Array<{ message: string }> };
      expect(body.data).toEqual({ noted: 'ok', broken: null });
      expect(JSON.stringify(body)).not.toContain('internal detail');
      expect(lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'noted' }));
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 50, component: 'yoga', msg: 'internal detail' }),
      );
    } finally {
      await gateway.close();
    }
  });
});
