import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountId } from '../ids/account-id.js';
import type { IamArn } from './iam-arn.js';
import { buildIamArn, iamUserName, iamUserPath, parseIamArn } from './iam-arn.js';
import { IAM_NAME_MAX_LENGTH, isIamPath } from './iam-grammar.js';

const ACCOUNT = '123456789012' as AccountId;

const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b');
const accountId = fc.stringMatching(/^\d{12}$/).map((s) => s as AccountId);
const nameChar = fc.constantFrom(...'abcXYZ019_+=,.@-');
const name = (max: number) => fc.string({ unit: nameChar, minLength: 1, maxLength: max });
// Segments of printable ASCII without `/`, so every generated path is `/` or `/a/.../`.
const segment = fc.string({
  unit: fc
    .integer({ min: 0x21, max: 0x7e })
    .filter((c) => c !== 0x2f)
    .map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 12,
});
const path = fc
  .array(segment, { maxLength: 6 })
  .map((segments) => (segments.length === 0 ? '/' : `/${segments.join('/')}/`));

const iamArn: fc.Arbitrary<IamArn> = fc.oneof(
  fc.record({ type: fc.constant('root' as const), partition, accountId }),
  fc
    .constantFrom('user' as const, 'group' as const, 'role' as const, 'mfa' as const)
    .chain((type) =>
      fc.record({
        type: fc.constant(type),
        partition,
        accountId,
        path,
        name: name(IAM_NAME_MAX_LENGTH[type]),
      }),
    ),
  fc.record({
    type: fc.constant('policy' as const),
    partition,
    accountId: fc.oneof(accountId, fc.constant('aws' as const)),
    path,
    name: name(IAM_NAME_MAX_LENGTH.policy),
  }),
  fc.record({
    type: fc.constant('assumed-role' as const),
    partition,
    accountId,
    roleName: name(64),
    sessionName: fc.string({ unit: nameChar, minLength: 2, maxLength: 64 }),
  }),
  fc.record({
    type: fc.constant('oidc-provider' as const),
    partition,
    accountId,
    url: fc
      .tuple(fc.domain(), fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), { maxLength: 3 }))
      .map(([host, segments]) => [host, ...segments].join('/')),
  }),
  fc.record({
    type: fc.constant('saml-provider' as const),
    partition,
    accountId,
    name: fc.stringMatching(/^[\w.-]{1,128}$/),
  }),
);

describe('parseIamArn / buildIamArn', () => {
  it('parse(build(x)) is x for every kind of IAM and STS ARN', () => {
    fc.assert(
      fc.property(iamArn, (arn) => {
        expect(parseIamArn(buildIamArn(arn))).toEqual(arn);
      }),
    );
  });

  it('build(parse(s)) is s for every ARN it parses', () => {
    fc.assert(
      fc.property(iamArn, (arn) => {
        const text = buildIamArn(arn);
        const parsed = parseIamArn(text);
        expect(parsed && buildIamArn(parsed)).toBe(text);
      }),
    );
  });

  it('never throws and never half-parses arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseIamArn(`arn:aws:iam::${ACCOUNT}:${text}`);
        if (parsed !== null) expect(buildIamArn(parsed)).toBe(`arn:aws:iam::${ACCOUNT}:${text}`);
      }),
    );
  });

  it('reads every kind', () => {
    expect(parseIamArn(`arn:aws:iam::${ACCOUNT}:user/division/east/alice`)).toEqual({
      type: 'user',
      partition: 'aws',
      accountId: ACCOUNT,
      path: '/division/east/',
      name: 'alice',
    });
    expect(parseIamArn(`arn:aws:iam::${ACCOUNT}:root`)).toEqual({
      type: 'root',
      partition: 'aws',
      accountId: ACCOUNT,
    });
    expect(parseIamArn('arn:aws:iam::aws:policy/AdministratorAccess')).toEqual({
      type: 'policy',
      partition: 'aws',
      accountId: 'aws',
      path: '/',
      name: 'AdministratorAccess',
    });
    expect(parseIamArn(`arn:aws:iam::${ACCOUNT}:mfa/alice-phone`)).toMatchObject({
      type: 'mfa',
      name: 'alice-phone',
    });
    expect(parseIamArn(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice@example.com`)).toEqual({
      type: 'assumed-role',
      partition: 'aws',
      accountId: ACCOUNT,
      roleName: 'Admin',
      sessionName: 'alice@example.com',
    });
    expect(
      parseIamArn(`arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`),
    ).toMatchObject({ type: 'oidc-provider', url: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' });
    expect(parseIamArn(`arn:aws:iam::${ACCOUNT}:saml-provider/Corp_IdP`)).toMatchObject({
      type: 'saml-provider',
      name: 'Corp_IdP',
    });
  });

  it.each([
    ['not an ARN', 'alice'],
    ['no arn: prefix', `aws:iam::${ACCOUNT}:user/alice`],
    ['empty partition', `arn::iam::${ACCOUNT}:user/alice`],
    ['odd partition', `arn:AWS:iam::${ACCOUNT}:user/alice`],
    ['another service', `arn:aws:s3::${ACCOUNT}:user/alice`],
    ['a region', `arn:aws:iam:us-east-1:${ACCOUNT}:user/alice`],
    ['a short account', 'arn:aws:iam::12345678901:user/alice'],
    ['a lettered account', 'arn:aws:iam::12345678901a:user/alice'],
    ['the platform pseudo-account', 'arn:aws:iam::platform:admin'],
    ['aws as account of a user', 'arn:aws:iam::aws:user/alice'],
    ['missing name', `arn:aws:iam::${ACCOUNT}:user/`],
    ['no slash', `arn:aws:iam::${ACCOUNT}:user`],
    ['trailing slash', `arn:aws:iam::${ACCOUNT}:user/division/`],
    ['an empty leading segment', `arn:aws:iam::${ACCOUNT}:user//alice`],
    ['a unicode name', `arn:aws:iam::${ACCOUNT}:user/älice`],
    ['a unicode path', `arn:aws:iam::${ACCOUNT}:user/dívision/alice`],
    ['a space in the name', `arn:aws:iam::${ACCOUNT}:user/al ice`],
    ['a name too long', `arn:aws:iam::${ACCOUNT}:user/${'a'.repeat(65)}`],
    ['a path too long', `arn:aws:iam::${ACCOUNT}:user/${'a/'.repeat(256)}alice`],
    ['an unknown resource type', `arn:aws:iam::${ACCOUNT}:instance-profile/web`],
    ['root with a path', `arn:aws:iam::${ACCOUNT}:root/alice`],
    ['an assumed role in iam', `arn:aws:iam::${ACCOUNT}:assumed-role/Admin/s1`],
    ['an assumed role without session', `arn:aws:sts::${ACCOUNT}:assumed-role/Admin`],
    ['an assumed role with a path', `arn:aws:sts::${ACCOUNT}:assumed-role/a/Admin/s1`],
    ['a one-character session', `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/s`],
    ['an oidc provider with a scheme', `arn:aws:iam::${ACCOUNT}:oidc-provider/https://x.example`],
    ['an oidc provider with a trailing slash', `arn:aws:iam::${ACCOUNT}:oidc-provider/x.example/`],
    ['an empty oidc provider', `arn:aws:iam::${ACCOUNT}:oidc-provider/`],
    ['a saml provider with a path', `arn:aws:iam::${ACCOUNT}:saml-provider/a/b`],
    ['a wildcard name', `arn:aws:iam::${ACCOUNT}:user/*`],
  ])('rejects %s', (_title, value) => {
    expect(parseIamArn(value)).toBeNull();
  });

  it('accepts what identity accepts as a path, even with an inner empty segment', () => {
    expect(isIamPath('/a//b/')).toBe(true);
    expect(parseIamArn(`arn:aws:iam::${ACCOUNT}:user/a//b/alice`)).toMatchObject({
      path: '/a//b/',
      name: 'alice',
    });
  });

  it('names the IAM user of a caller ARN', () => {
    expect(iamUserName(`arn:aws:iam::${ACCOUNT}:user/a/b/alice`)).toBe('alice');
    expect(iamUserPath(`arn:aws:iam::${ACCOUNT}:user/a/b/alice`)).toBe('/a/b/');
    expect(iamUserName(`arn:aws:iam::${ACCOUNT}:role/alice`)).toBeNull();
    expect(iamUserName('arn:aws:iam::platform:admin')).toBeNull();
    expect(iamUserPath(`arn:aws:iam::${ACCOUNT}:root`)).toBeNull();
  });
});
