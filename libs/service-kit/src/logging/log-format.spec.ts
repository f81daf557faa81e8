import { describe, expect, it } from 'vitest';
import { formatLogRecord, levelName, resolveLogFormat } from './log-format.js';

/** 18:02:11.123 local time (the readable lines show local time, whatever the machine's time zone). */
const TIME = new Date(2026, 11, 4, 18, 2, 11, 123).toISOString();

describe(resolveLogFormat.name, () => {
  it('is readable on a terminal and JSON off one or in production', () => {
    expect(resolveLogFormat({}, true)).toBe('pretty');
    expect(resolveLogFormat({}, false)).toBe('json');
    expect(resolveLogFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(resolveLogFormat({ NODE_ENV: 'development' }, true)).toBe('pretty');
  });

  it('follows LOG_FORMAT over everything, and refuses an unknown value', () => {
    expect(resolveLogFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(resolveLogFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe(
      'pretty',
    );
    expect(resolveLogFormat({ LOG_FORMAT: ' JSON ' }, true)).toBe('json');
    expect(resolveLogFormat({ LOG_FORMAT: '' }, true)).toBe('pretty');
    expect(() => resolveLogFormat({ LOG_FORMAT: 'yaml' }, true)).toThrow(
      'LOG_FORMAT must be "pretty" or "json", not "yaml"',
    );
  });
});

describe(levelName.name, () => {
  it("names pino's levels", () => {
    expect([10, 20, 30, 40, 50, 60].map(levelName)).toEqual([
      'TRACE',
      'DEBUG',
      'INFO',
      'WARN',
      'ERROR',
      'FATAL',
    ]);
    expect(levelName(35)).toBe('L35');
  });
});

describe(formatLogRecord.name, () => {
  /** A record as pino writes it: INFO by identity at {@link TIME} unless `fields` say otherwise. */
  const format = (fields: Record<string, unknown>, colour = false) =>
    formatLogRecord({ level: 30, time: TIME, service: 'identity', ...fields }, { colour });

  it('writes one line: time, level, service, request id, message, then the other fields', () => {
    expect(
      format({
        requestId: '3f2a9c1e-0000-4000-8000-000000000001',
        code: 'InvalidCredentials',
        category: 'UNAUTHENTICATED',
        msg: 'signIn refused: the password is incorrect',
      }),
    ).toBe(
      '18:02:11.123 INFO  identity   req=3f2a9c1e-0000-4000-8000-000000000001 signIn refused: the password is incorrect code=InvalidCredentials category=UNAUTHENTICATED',
    );
  });

  it('omits what a record lacks, quotes values with spaces and writes objects as JSON', () => {
    expect(
      format({
        level: 40,
        service: 'gateway',
        msg: 'session keys unavailable',
        err: 'connect ECONNREFUSED',
        subgraphs: [{ name: 'identity' }],
        principalArn: null,
        pid: 42,
        hostname: 'box',
      }),
    ).toBe(
      '18:02:11.123 WARN  gateway    session keys unavailable err="connect ECONNREFUSED" subgraphs=[{"name":"identity"}]',
    );
  });

  it('keeps a record on one line: a newline in a message cannot forge another line', () => {
    expect(format({ msg: 'refused: bad name `x\n12:00:00.000 ERROR forged`' })).toBe(
      '18:02:11.123 INFO  identity   refused: bad name `x\\n12:00:00.000 ERROR forged`',
    );
    expect(format({ msg: 'm', name: 'a\nb' })).toBe('18:02:11.123 INFO  identity   m name="a\\nb"');
  });

  it('writes an access line as method, path, status and duration', () => {
    const access = { method: 'POST', path: '/graphql', status: 200, durationMs: 12.5 };
    expect(format({ requestId: 'abc', ...access, operationName: 'SignIn', msg: 'request' })).toBe(
      '18:02:11.123 INFO  identity   req=abc POST /graphql 200 12.5ms operationName=SignIn',
    );
  });

  it('writes the stack of an unexpected error on indented lines below, not as a field', () => {
    const err = { message: 'boom', stack: 'Error: boom\n    at f (file.js:1:1)' };
    expect(format({ level: 50, msg: 'unexpected error', err }).split('\n')).toEqual([
      '18:02:11.123 ERROR identity   unexpected error',
      '    Error: boom',
      '    at f (file.js:1:1)',
    ]);
  });

  it('colours the level only when asked (a terminal)', () => {
    expect(format({ level: 50, msg: 'x' })).not.toContain('\u001b[');
    expect(format({ level: 50, msg: 'x' }, true)).toContain('\u001b[31mERROR\u001b[0m');
  });
});
