import { describe, expect, it } from 'vitest';
import { NestJsonLogger, createLogger } from './logger.js';
import type { Logger } from './logger.js';
import { acceptRequestId, isValidRequestId, runWithRequestContext } from './request-context.js';

function capture(format: 'json' | 'pretty', service = 'identity', level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(service, level, {
    format,
    destination: { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) },
  });
  return {
    logger,
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe(createLogger.name, () => {
  it('writes JSON lines with the service name, and the request id while a request is handled', () => {
    const { logger, records } = capture('json');
    logger.info('outside');
    runWithRequestContext({ requestId: 'req-1' }, () => logger.info('inside', { a: 1 }));
    expect(records()).toEqual([
      expect.objectContaining({ level: 30, service: 'identity', msg: 'outside' }),
      expect.objectContaining({ service: 'identity', requestId: 'req-1', a: 1, msg: 'inside' }),
    ]);
    expect(records()[0]).not.toHaveProperty('requestId');
  });

  it('keeps the request id across awaits', async () => {
    const { logger, records } = capture('json');
    await runWithRequestContext({ requestId: 'req-2' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.warn('later');
    });
    expect(records()[0]).toMatchObject({ requestId: 'req-2', msg: 'later' });
  });

  it('never logs a request id of the wrong shape (a correlation id a client may choose)', () => {
    const { logger, records } = capture('json');
    for (const bad of ['a\nforged line', 'x'.repeat(65), '', 'semi;colon']) {
      runWithRequestContext({ requestId: bad }, () => logger.info('line'));
    }
    expect(records().every((record) => !('requestId' in record))).toBe(true);
  });

  it('writes one readable line per record in the pretty format, secrets still redacted', () => {
    const { logger, lines } = capture('pretty');
    runWithRequestContext({ requestId: 'req-3' }, () =>
      logger.child({ component: 'x' }).info('signIn refused', { password: 'hunter2' }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}identity {3}req=req-3 signIn refused component=x password=\[redacted\]$/,
    );
  });

  it('honours the level', () => {
    const { logger, lines } = capture('json', 'identity', 'info');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('request ids', () => {
  it('accepts a well-formed client id and replaces anything else with a UUID', () => {
    expect(acceptRequestId('client-id.1_A')).toBe('client-id.1_A');
    for (const bad of [undefined, ['a', 'b'], 'has space', 'x'.repeat(65), 'ünïcode']) {
      const id = acceptRequestId(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(isValidRequestId('x'.repeat(64))).toBe(true);
    expect(isValidRequestId(42)).toBe(false);
  });
});

describe(NestJsonLogger.name, () => {
  it("writes Nest's messages with the logger of the request being handled, so they name its service", () => {
    const shared = capture('json', 'audit');
    const identity = capture('json', 'identity');
    // Nest keeps one logger per process: the last service started (audit) installed its own.
    const nest = new NestJsonLogger(shared.logger);
    nest.warn('outside a request', 'Ctx');
    runWithRequestContext({ requestId: 'req-4', logger: identity.logger as Logger }, () =>
      nest.warn('inside a request', 'Ctx'),
    );
    expect(shared.records()).toEqual([
      expect.objectContaining({ service: 'audit', msg: 'outside a request', context: 'Ctx' }),
    ]);
    expect(identity.records()).toEqual([
      expect.objectContaining({ service: 'identity', requestId: 'req-4', msg: 'inside a request' }),
    ]);
  });

  it("writes Nest's bootstrap chatter at debug, and an error object with its stack", () => {
    const { logger, records } = capture('json');
    const nest = new NestJsonLogger(logger);
    nest.log('Mapped {/graphql, POST} route', 'RouterExplorer');
    nest.error(new Error('boom'), 'ExceptionsHandler');
    const [chatter, failure] = records();
    expect(chatter).toMatchObject({ level: 20, context: 'RouterExplorer' });
    expect(failure).toMatchObject({
      level: 50,
      msg: 'boom',
      context: 'ExceptionsHandler',
      err: { name: 'Error', message: 'boom', stack: expect.stringContaining('Error: boom') },
    });
  });
});
