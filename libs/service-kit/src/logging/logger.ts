import { pino } from 'pino';
import type { LoggerService } from '@nestjs/common';

/** Structured logger used by services, relays and consumers. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

// SECURITY: whatever a caller logs by mistake under these keys is replaced before it is written.
const REDACTED_PATHS = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-iam-caller"]',
  'secretAccessKey',
  '*.secretAccessKey',
  // Sign-in, password and MFA inputs and answers, should a caller ever log one.
  ...[
    'oldPassword',
    'newPassword',
    'refreshToken',
    'sessionToken',
    'mfaCode',
    'base32StringSeed',
    'authenticationCode1',
    'authenticationCode2',
  ].flatMap((key) => [key, `*.${key}`]),
];

type PinoLogger = ReturnType<typeof pino>;

function wrap(base: PinoLogger): Logger {
  return {
    debug: (message, fields) => base.debug(fields ?? {}, message),
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
    child: (bindings) => wrap(base.child(bindings)),
  };
}

/** A JSON logger on stdout (pino), with secrets redacted and the service name on every line. */
export function createLogger(service: string, level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return wrap(
    pino({
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    }),
  );
}

/** Adapts {@link Logger} to Nest's logger interface so framework messages are JSON too. */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info(String(message), { context });
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error(String(message), { context, trace });
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn(String(message), { context });
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug(String(message), { context });
  }
  verbose(message: unknown, context?: string): void {
    this.logger.debug(String(message), { context });
  }
}
