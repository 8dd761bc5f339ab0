import { inspect } from 'node:util';
import { pino, type Logger as PinoLogger } from 'pino';

/**
 * The gateway's logger: pino's interface (`log.warn({ provider }, 'polling failed')`), so any
 * layer can take one without knowing how lines are written. Never pass a credential: the
 * configured redaction paths are a safety net, not a licence.
 */
export type Logger = Pick<PinoLogger, 'debug' | 'info' | 'warn' | 'error' | 'child'>;

/** What {@link createLogger} takes. */
export interface LoggerOptions {
  /** `trace`, `debug`, `info` (the default), `warn`, `error` or `silent`. */
  level?: string;
  /** Pretty, human lines (pino-pretty) instead of JSON; for a terminal. */
  pretty?: boolean;
}

/** Header and field names whose values are never written, wherever they appear in a line. */
const REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'connectionParams',
  '*.connectionParams',
  'credentials',
  '*.credentials',
];

/** A pino logger writing JSON lines to stdout, or pretty lines when `pretty`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    level: options.level ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  });
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** The shape of graphql-yoga's `logging` option: one function a level, any arguments. */
export type YogaLogger = Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;

/**
 * Yoga's own lines (the details of an error it masked, debug notes) through `log`, tagged
 * `component: "yoga"`: an Error becomes pino's `err` field with its stack, anything else text.
 */
export function toYogaLogger(log: Logger): YogaLogger {
  const child = log.child({ component: 'yoga' });
  const level =
    (name: keyof YogaLogger) =>
    (...args: unknown[]): void => {
      const [first] = args;
      if (args.length === 1 && first instanceof Error) child[name]({ err: first }, first.message);
      else child[name](args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
    };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
