import { describe, expect, it } from 'vitest';
import { ConfigError } from '@iam/service-kit';
import { DEFAULT_SIGN_IN_SETTINGS } from '../sign-in/index.js';
import { loadSessionSettings } from './identity.config.js';

/** The problems a `ConfigError` lists, or a failure when the load succeeds. */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadSessionSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe(loadSessionSettings.name, () => {
  it('keeps the defaults without variables: 15-minute tokens, 12-hour sessions, the gateway’s iss and aud', () => {
    expect(loadSessionSettings({})).toEqual({
      token: { issuer: 'urn:iam:identity', audience: 'urn:iam:gateway', lifetimeSeconds: 900 },
      refreshLifetimeSeconds: 43_200,
    });
    expect(loadSessionSettings({}).token).toEqual(DEFAULT_SIGN_IN_SETTINGS.token);
    // An empty variable counts as unset.
    expect(loadSessionSettings({ IDENTITY_SESSION_ISSUER: '' }).token.issuer).toBe(
      'urn:iam:identity',
    );
  });

  it('reads every variable', () => {
    expect(
      loadSessionSettings({
        IDENTITY_SESSION_TOKEN_TTL_SECONDS: '300',
        IDENTITY_SESSION_REFRESH_TTL_SECONDS: '86400',
        IDENTITY_SESSION_ISSUER: 'https://identity.example.com',
        IDENTITY_SESSION_AUDIENCE: 'https://gateway.example.com',
      }),
    ).toEqual({
      token: {
        issuer: 'https://identity.example.com',
        audience: 'https://gateway.example.com',
        lifetimeSeconds: 300,
      },
      refreshLifetimeSeconds: 86_400,
    });
  });

  it.each([
    ['60', '900'],
    ['3600', '604800'],
  ])('accepts the bounds themselves (token %s s, session %s s)', (token, refresh) => {
    const settings = loadSessionSettings({
      IDENTITY_SESSION_TOKEN_TTL_SECONDS: token,
      IDENTITY_SESSION_REFRESH_TTL_SECONDS: refresh,
    });
    expect(settings.token.lifetimeSeconds).toBe(Number(token));
    expect(settings.refreshLifetimeSeconds).toBe(Number(refresh));
  });

  it.each([
    ['59', 'outside 60 to 3600 seconds'],
    ['3601', 'outside 60 to 3600 seconds'],
    ['0', 'outside 60 to 3600 seconds'],
    ['-300', 'not a whole number of seconds'],
    ['90.5', 'not a whole number of seconds'],
    ['15m', 'not a whole number of seconds'],
  ])('refuses a token lifetime of %s with a message naming the variable', (raw, reason) => {
    const problems = problemsOf({ IDENTITY_SESSION_TOKEN_TTL_SECONDS: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('IDENTITY_SESSION_TOKEN_TTL_SECONDS is invalid');
    expect(problems[0]).toContain(reason);
  });

  it.each(['899', '604801', 'twelve hours'])('refuses a session lifetime of %s', (raw) => {
    const problems = problemsOf({ IDENTITY_SESSION_REFRESH_TTL_SECONDS: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^IDENTITY_SESSION_REFRESH_TTL_SECONDS is invalid: /);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      IDENTITY_SESSION_TOKEN_TTL_SECONDS: '5',
      IDENTITY_SESSION_REFRESH_TTL_SECONDS: '1000000',
      IDENTITY_SESSION_ISSUER: ' urn:iam:identity',
      IDENTITY_SESSION_AUDIENCE: '   ',
    });
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'IDENTITY_SESSION_TOKEN_TTL_SECONDS',
      'IDENTITY_SESSION_REFRESH_TTL_SECONDS',
      'IDENTITY_SESSION_ISSUER',
      'IDENTITY_SESSION_AUDIENCE',
    ]);
  });

  it('refuses a token lifetime longer than the session', () => {
    const problems = problemsOf({
      IDENTITY_SESSION_TOKEN_TTL_SECONDS: '3600',
      IDENTITY_SESSION_REFRESH_TTL_SECONDS: '1800',
    });
    expect(problems).toEqual([
      'IDENTITY_SESSION_TOKEN_TTL_SECONDS (3600) must not exceed IDENTITY_SESSION_REFRESH_TTL_SECONDS (1800)',
    ]);
  });
});
