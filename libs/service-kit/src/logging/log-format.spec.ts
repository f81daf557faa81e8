import { describe, expect, it } from 'vitest';
import { formatLogRecord, levelName, resolveLogFormat } from './log-format.js';

/** 18:02:11.123 today, local time (the readable lines show local time). */
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
  it('writes one line: time, level, service, request id, message, then the other fields', () => {
    const line = formatLogRecord({
      level: 30,
      time: TIME,
      service: 'identity',
      requestId: '3f2a9c1e-0000-4000-8000-000000000001',
      code: 'InvalidCredentials',
      category: 'UNAUTHENTICATED',
      msg: 'signIn refused: the password is incorrect',
    });
    expect(line).toBe(
      '18:02:11.123 INFO  identity   req=3f2a9c1e-0000-4000-8000-000000000001 signIn refused: the password is incorrect code=InvalidCredentials category=UNAUTHENTICATED',
    );
  });

  it('omits what a record lacks, quotes values with spaces and writes objects as JSON', () => {
    const line = formatLogRecord({
      level: 40,
      time: TIME,
      service: 'gateway',
      msg: 'session keys unavailable',
      err: 'connect ECONNREFUSED',
      subgraphs: [{ name: 'identity' }],
      principalArn: null,
      pid: 42,
      hostname: 'box',
    });
    expect(line).toBe(
      '18:02:11.123 WARN  gateway    session keys unavailable err="connect ECONNREFUSED" subgraphs=[{"name":"identity"}]',
    );
  });

  it('writes an access line as method, path, status and duration', () => {
    const line = formatLogRecord({
      level: 30,
      time: TIME,
      service: 'gateway',
      requestId: 'abc',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'SignIn',
      principalArn: null,
      durationMs: 12.5,
      msg: 'request',
    });
    expect(line).toBe(
      '18:02:11.123 INFO  gateway    req=abc POST /graphql 200 12.5ms operationName=SignIn',
    );
  });

  it('writes the stack of an unexpected error on indented lines below, not as a field', () => {
    const text = formatLogRecord({
      level: 50,
      time: TIME,
      service: 'policy',
      msg: 'unexpected error',
      err: { message: 'boom', stack: 'Error: boom\n    at f (file.js:1:1)' },
    });
    expect(text.split('\n')).toEqual([
      '18:02:11.123 ERROR policy     unexpected error',
      '    Error: boom',
      '    at f (file.js:1:1)',
    ]);
  });

  it('colours the level only when asked (a terminal)', () => {
    const record = { level: 50, time: TIME, service: 'audit', msg: 'x' };
    expect(formatLogRecord(record)).not.toContain('\u001b[');
    expect(formatLogRecord(record, { colour: true })).toContain('\u001b[31mERROR\u001b[0m');
  });
});
