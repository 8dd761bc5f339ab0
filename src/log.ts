import { pino, type Logger as PinoLogger } from 'pino';

/**
 * The gateway's logger: pino's interface (`log.warn({ provider }, 'polling failed')`), so any
 * layer can take one without knowing how lines are written. Never pass a credential: the
 * configured redaction paths are a safety net, not a licence.
 */
export type Logger = Pick<PinoLogger, 'debug' | 'info' | 'warn' | 'error' | 'child'>;

export interface LoggerOptions {
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
