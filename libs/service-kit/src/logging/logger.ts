import { pino } from 'pino';
import type { LoggerService } from '@nestjs/common';
import type { LogFormat } from './log-format.js';
import { formatLogRecord, resolveLogFormat } from './log-format.js';
import { currentRequestContext, requestLogFields } from './request-context.js';

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

/** Where and how {@link createLogger} writes. */
export interface LoggerOptions {
  /** Default: `LOG_FORMAT`, else JSON in production or off a terminal, readable lines on one (`resolveLogFormat`). */
  readonly format?: LogFormat;
  /** Default: stdout. */
  readonly destination?: { write(text: string): unknown };
}

/** Writes each pino JSON line as one readable line (coloured on a terminal, unless `NO_COLOR` is set). */
function prettyDestination(destination: { write(text: string): unknown }, colour: boolean) {
  return {
    write(line: string): void {
      const record = JSON.parse(line) as Record<string, unknown>;
      destination.write(`${formatLogRecord(record, { colour })}\n`);
    },
  };
}

/**
 * A logger (pino) on stdout, with secrets redacted, the service name on every line, and the request id on every
 * line written while a request is handled ({@link runWithRequestContext}). JSON lines, or readable lines on a
 * terminal (see {@link LoggerOptions.format}).
 */
export function createLogger(
  service: string,
  level = process.env['LOG_LEVEL'] ?? 'info',
  options: LoggerOptions = {},
): Logger {
  const format = options.format ?? resolveLogFormat(process.env, process.stdout.isTTY === true);
  const destination = options.destination ?? process.stdout;
  const colour =
    destination === process.stdout &&
    process.stdout.isTTY === true &&
    (process.env['NO_COLOR'] ?? '') === '';
  const pinoOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: requestLogFields,
  };
  return wrap(
    format === 'pretty'
      ? pino(pinoOptions, prettyDestination(destination, colour))
      : options.destination === undefined
        ? pino(pinoOptions)
        : pino(pinoOptions, options.destination),
  );
}

/**
 * Adapts {@link Logger} to Nest's logger interface so framework messages are written like ours. Nest keeps one
 * logger per process: a message written while a request is handled goes to that request's service logger
 * ({@link RequestLogContext.logger}), so it names the right service when several run in one process.
 */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private get target(): Logger {
    return currentRequestContext()?.logger ?? this.logger;
  }

  /** Nest's own chatter (modules initialised, routes mapped): debug detail, unlike its warnings and errors. */
  log(message: unknown, context?: string): void {
    this.target.debug(String(message), { context });
  }
  error(message: unknown, trace?: string, context?: string): void {
    if (message instanceof Error) {
      this.target.error(message.message, {
        // Nest passes an error's context as the second argument: the error carries its own stack.
        context: context ?? trace,
        err: { name: message.name, message: message.message, stack: message.stack },
      });
      return;
    }
    this.target.error(String(message), { context, trace });
  }
  warn(message: unknown, context?: string): void {
    this.target.warn(String(message), { context });
  }
  debug(message: unknown, context?: string): void {
    this.target.debug(String(message), { context });
  }
  verbose(message: unknown, context?: string): void {
    this.target.debug(String(message), { context });
  }
}
