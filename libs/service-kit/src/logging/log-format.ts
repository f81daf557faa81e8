/** How log records are written: one JSON object per line, or one human-readable line. */
export type LogFormat = 'pretty' | 'json';

/**
 * The format for a process: `LOG_FORMAT` (`pretty` or `json`) when set; otherwise JSON in production
 * (`NODE_ENV=production`) and whenever stdout is not a terminal (a file, a pipe, a log collector), and the
 * readable lines on a terminal.
 */
export function resolveLogFormat(
  env: Readonly<Record<string, string | undefined>>,
  stdoutIsTerminal: boolean,
): LogFormat {
  const explicit = env['LOG_FORMAT']?.trim().toLowerCase();
  if (explicit === 'pretty' || explicit === 'json') return explicit;
  if (explicit !== undefined && explicit !== '') {
    throw new Error(`LOG_FORMAT must be "pretty" or "json", not "${env['LOG_FORMAT']}"`);
  }
  if (env['NODE_ENV'] === 'production') return 'json';
  return stdoutIsTerminal ? 'pretty' : 'json';
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** The upper-case name of a pino level (`30` → `INFO`); an unknown level is shown as its number. */
export function levelName(level: unknown): string {
  return typeof level === 'number' ? (LEVEL_NAMES[level] ?? `L${level}`) : 'INFO';
}

// ANSI colours of the level, on a terminal only.
const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  TRACE: '\u001b[90m',
  DEBUG: '\u001b[90m',
  INFO: '\u001b[36m',
  WARN: '\u001b[33m',
  ERROR: '\u001b[31m',
  FATAL: '\u001b[41m',
};
const RESET = '\u001b[0m';

// Shown in the fixed columns (or not at all), never again as `key=value`.
const LAYOUT_KEYS = new Set(['level', 'time', 'service', 'requestId', 'msg', 'pid', 'hostname']);
// The access line's fields, shown as `POST /graphql 200 12.3ms`.
const ACCESS_KEYS = ['method', 'path', 'status', 'durationMs'] as const;
const SERVICE_WIDTH = 10;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** A field's value as text: strings as they are, anything else as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

/**
 * SECURITY: control characters (a newline in a message that quotes input) are escaped, so one record stays one line
 * and cannot forge another.
 */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** `HH:MM:SS.mmm` in local time; the text as it is when it is no date. */
function clockTime(time: unknown): string {
  const date = new Date(typeof time === 'number' || typeof time === 'string' ? time : Number.NaN);
  if (Number.isNaN(date.getTime())) return text(time);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** A value as `key=value` shows it: plain when it is one word, quoted JSON otherwise. */
function fieldValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return text(value);
}

/** The stack of an `err` field (`{ stack }`) or of a Nest `trace`, if the record has one. */
function stackOf(record: Record<string, unknown>): string | null {
  const err = record['err'];
  if (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { stack?: unknown }).stack === 'string'
  )
    return (err as { stack: string }).stack;
  return typeof record['trace'] === 'string' ? record['trace'] : null;
}

function isAccessRecord(record: Record<string, unknown>): boolean {
  return record['msg'] === 'request' && ACCESS_KEYS.every((key) => key in record);
}

/**
 * One log record (a pino JSON object) as one readable line:
 * `18:02:11.123 INFO  identity   req=3f2a…  signIn refused: … code=InvalidCredentials`. A stack, which only
 * unexpected errors carry, follows on indented lines.
 */
export function formatLogRecord(
  record: Record<string, unknown>,
  options: { readonly colour?: boolean } = {},
): string {
  const level = levelName(record['level']);
  const levelText = level.padEnd(5);
  const parts = [
    clockTime(record['time']),
    options.colour ? `${LEVEL_COLOURS[level] ?? ''}${levelText}${RESET}` : levelText,
    oneLine(text(record['service']) || '-').padEnd(SERVICE_WIDTH),
  ];
  if (typeof record['requestId'] === 'string') parts.push(`req=${record['requestId']}`);
  const skip = new Set(LAYOUT_KEYS);
  const access = isAccessRecord(record);
  if (access) {
    const { method, path, status, durationMs } = record;
    parts.push(oneLine(`${text(method)} ${text(path)} ${text(status)} ${text(durationMs)}ms`));
    for (const key of ACCESS_KEYS) skip.add(key);
  } else {
    parts.push(oneLine(text(record['msg'])));
  }
  const stack = stackOf(record);
  for (const [key, value] of Object.entries(record)) {
    if (skip.has(key) || value === null || value === undefined) continue;
    // The stack's first line names the error: it is not repeated as a field.
    if (stack !== null && (key === 'trace' || (key === 'err' && typeof value === 'object')))
      continue;
    parts.push(`${key}=${fieldValue(value)}`);
  }
  const line = parts.join(' ');
  if (stack === null) return line;
  return [line, ...stack.split('\n').map((stackLine) => `    ${stackLine.trim()}`)].join('\n');
}
