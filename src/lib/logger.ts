// The process-wide pino logger. Request handlers use their request's child logger instead,
// which carries the request id.
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Paths that may hold secrets; pino replaces their values before a line is written. */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'password',
  'secret',
  '*.secret',
  '*.password',
  'token',
  '*.token',
];

/** Logs JSON lines to stdout, or to another descriptor (the CLI keeps stdout for results). */
export function createLogger(level: LevelWithSilent, fd: 1 | 2 = 1): Logger {
  return pino(
    {
      level,
      base: { service: 'jejak' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    // Synchronous writes: a fatal line written just before process.exit is not lost.
    pino.destination({ fd, sync: true }),
  );
}
