import { describe, expect, it } from 'vitest';
import {
  GRANT_ACCOUNT,
  GRANT_DIRECT,
  GRANT_NONE,
  GRANT_ROLE,
  compilePrincipalSpec,
  notPrincipalExcludes,
  parsePrincipal,
  principalGrant,
  type PrincipalSpec,
} from './principal.js';

const spec = (v: unknown) => compilePrincipalSpec(v) as PrincipalSpec;
const A = '111122223333';
const session = parsePrincipal(`arn:aws:sts::${A}:assumed-role/app/s1`);
const user = parsePrincipal(`arn:aws:iam::${A}:user/path/bob`);

describe('parsePrincipal', () => {
  it('reads the kind, account and role name', () => {
    expect(session).toMatchObject({ kind: 'assumed-role', account: A, roleName: 'app' });
    expect(parsePrincipal(`arn:aws:iam::${A}:root`).kind).toBe('root');
    expect(
      parsePrincipal(`arn:aws:iam::${A}:role/aws-service-role/x.amazonaws.com/R`).serviceLinked,
    ).toBe(true);
    expect(parsePrincipal('s3.amazonaws.com').kind).toBe('service');
    expect(parsePrincipal('*').kind).toBe('anonymous');
  });
});

describe('principalGrant', () => {
  it.each([
    { title: 'star', value: '*', who: user, grant: GRANT_DIRECT },
    { title: 'AWS star', value: { AWS: '*' }, who: user, grant: GRANT_DIRECT },
    { title: 'account id', value: { AWS: A }, who: user, grant: GRANT_ACCOUNT },
    {
      title: 'account root ARN',
      value: { AWS: `arn:aws:iam::${A}:root` },
      who: session,
      grant: GRANT_ACCOUNT,
    },
    {
      title: 'user ARN',
      value: { AWS: [`arn:aws:iam::${A}:user/path/bob`] },
      who: user,
      grant: GRANT_DIRECT,
    },
    {
      title: 'role ARN for its session',
      value: { AWS: `arn:aws:iam::${A}:role/team/app` },
      who: session,
      grant: GRANT_ROLE,
    },
    {
      title: 'session ARN',
      value: { AWS: `arn:aws:sts::${A}:assumed-role/app/s1` },
      who: session,
      grant: GRANT_DIRECT,
    },
    {
      title: 'another session',
      value: { AWS: `arn:aws:sts::${A}:assumed-role/app/s2` },
      who: session,
      grant: GRANT_NONE,
    },
    { title: 'another account', value: { AWS: '444455556666' }, who: user, grant: GRANT_NONE },
    {
      title: 'service',
      value: { Service: 's3.amazonaws.com' },
      who: parsePrincipal('s3.amazonaws.com'),
      grant: GRANT_DIRECT,
    },
  ])('$title', ({ value, who, grant }) => {
    expect(principalGrant(spec(value), who)).toBe(grant);
  });

  it('rejects malformed principals', () => {
    expect(typeof compilePrincipalSpec({ Group: 'x' })).toBe('string');
    expect(typeof compilePrincipalSpec(['x'])).toBe('string');
    expect(typeof compilePrincipalSpec({ AWS: [] })).toBe('string');
  });
});

describe('notPrincipalExcludes', () => {
  it('excludes everyone for `*`', () => {
    expect(notPrincipalExcludes(spec('*'), user)).toBe(true);
  });
  it('excludes a user only together with its account', () => {
    expect(notPrincipalExcludes(spec({ AWS: user.arn }), user)).toBe(false);
    expect(notPrincipalExcludes(spec({ AWS: [user.arn, `arn:aws:iam::${A}:root`] }), user)).toBe(
      true,
    );
  });
  it('excludes a role session only with the session, the role and the account', () => {
    const all = [session.arn, `arn:aws:iam::${A}:role/app`, `arn:aws:iam::${A}:root`];
    expect(notPrincipalExcludes(spec({ AWS: all }), session)).toBe(true);
    expect(notPrincipalExcludes(spec({ AWS: all.slice(0, 2) }), session)).toBe(false);
    expect(notPrincipalExcludes(spec({ AWS: all.slice(1) }), session)).toBe(false);
  });
});
