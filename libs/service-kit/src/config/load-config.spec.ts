import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parsers } from './load-config.js';

const schema = {
  PORT: { description: 'port', parse: parsers.port, default: 3000 },
  DATABASE_URL: { description: 'database', parse: parsers.postgresUrl },
  SIGNING_KEY: { description: 'key', parse: parsers.secret(32), secret: true },
};

describe(loadConfig.name, () => {
  it('reports every problem at once and never echoes a secret', () => {
    const secret = 'short-secret-value';
    let caught: unknown;
    try {
      loadConfig(schema, { PORT: 'x', SIGNING_KEY: secret });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('DATABASE_URL is required');
    expect(problems.join('\n')).toContain('SIGNING_KEY is invalid (value hidden)');
    expect((caught as Error).message).not.toContain(secret);
  });

  it('applies defaults and parses values', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgresql://app@localhost/iam',
      SIGNING_KEY: 'k'.repeat(32),
    });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgresql://app@localhost/iam');
  });
});
