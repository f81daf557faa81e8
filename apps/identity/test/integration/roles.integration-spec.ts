import { beforeAll, describe, expect, it } from 'vitest';
import { RolesService } from '../../src/roles/roles.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { EC2_TRUST, rootOf, userOf } from '../support/principal-services.js';

describe(RolesService.name, () => {
  const { s } = useIdentityDatabase();
  let accountId: string;

  beforeAll(async () => {
    accountId = await s.newAccount();
  });

  describe('createRole', () => {
    it('creates a role with an AROA id, its trust policy, defaults and a role.created.v1 event', async () => {
      const role = await s.roles.createRole(rootOf(accountId), {
        roleName: 'app',
        path: '/svc/',
        assumeRolePolicyDocument: EC2_TRUST,
        tags: [{ key: 'env', value: 'prod' }],
      });
      expect(role.roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
      expect(role).toMatchObject({
        roleName: 'app',
        path: '/svc/',
        description: null,
        maxSessionDuration: 3600,
        assumeRolePolicyDocument: EC2_TRUST,
      });
      expect((await s.events(accountId)).at(-1)).toMatchObject({
        event_type: 'role.created.v1',
        topic: 'iam.identity.role',
        envelope: {
          payload: { arn: `arn:aws:iam::${accountId}:role/svc/app`, maxSessionDuration: 3600 },
        },
      });
    });

    it.each([
      { title: 'not JSON', doc: '{' },
      {
        title: 'a trust policy without Principal',
        doc: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
        }),
      },
      {
        title: 'a trust policy with a Resource',
        doc: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Resource: '*',
            },
          ],
        }),
      },
    ])('rejects $title with MalformedPolicyDocument listing the issues', async ({ doc }) => {
      const error = await s.roles
        .createRole(rootOf(accountId), { roleName: 'bad', assumeRolePolicyDocument: doc })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MalformedPolicyDocument' });
      expect((error as { details: { issueCount: number } }).details.issueCount).toBeGreaterThan(0);
      expect((error as Error).message).toMatch(/[A-Z_]{5,} at `/);
    });

    it('rejects a trust policy over 2,048 characters (white space not counted) with LimitExceeded', async () => {
      // AWS: reference_iam-quotas "Role trust policy length 2,048 characters"; AWS answers LimitExceeded
      // "Cannot exceed quota for ACLSizePerRole: 2048".
      const sized = (sid: string): string =>
        JSON.stringify(
          {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: sid,
                Effect: 'Allow',
                Principal: { Service: 'ec2.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          null,
          2,
        );
      const compact = (text: string): number => text.replace(/\s/g, '').length;
      const fill = (size: number): string => sized('S'.repeat(size - compact(sized(''))));
      const atQuota = fill(2048);
      expect(atQuota.length).toBeGreaterThan(2048);
      // An account of its own, so that the role made here is not in the other tests' listings.
      const own = await s.newAccount();
      await expect(
        s.roles.createRole(rootOf(own), {
          roleName: 'at-quota',
          assumeRolePolicyDocument: atQuota,
        }),
      ).resolves.toMatchObject({ roleName: 'at-quota' });
      const over = fill(2049);
      await expect(
        s.roles.createRole(rootOf(own), { roleName: 'over', assumeRolePolicyDocument: over }),
      ).rejects.toMatchObject({
        code: 'LimitExceeded',
        message: 'Cannot exceed quota for ACLSizePerRole: 2048',
      });
      await expect(
        s.roles.updateAssumeRolePolicy(rootOf(own), {
          roleName: 'at-quota',
          policyDocument: over,
        }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
    });

    it.each([
      { title: 'maxSessionDuration 3599', input: { maxSessionDuration: 3599 } },
      { title: 'maxSessionDuration 43201', input: { maxSessionDuration: 43201 } },
      { title: 'a description of 1001 characters', input: { description: 'd'.repeat(1001) } },
      { title: 'a 65-character name', input: { roleName: 'r'.repeat(65) } },
    ])('rejects $title with InvalidInput', async ({ input }) => {
      await expect(
        s.roles.createRole(rootOf(accountId), {
          roleName: 'r1',
          assumeRolePolicyDocument: EC2_TRUST,
          ...input,
        }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    });

    it('rejects a duplicate name in any case and a user principal', async () => {
      await expect(
        s.roles.createRole(rootOf(accountId), {
          roleName: 'APP',
          assumeRolePolicyDocument: EC2_TRUST,
        }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
      await expect(
        s.roles.createRole(userOf(accountId, 'alice'), {
          roleName: 'x',
          assumeRolePolicyDocument: EC2_TRUST,
        }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('getRole, listRoles, updateRole, updateAssumeRolePolicy', () => {
    it('gets by name in any case; lists with paging', async () => {
      await expect(s.roles.getRole(rootOf(accountId), { roleName: 'APP' })).resolves.toMatchObject({
        roleName: 'app',
      });
      await s.roles.createRole(rootOf(accountId), {
        roleName: 'batch',
        assumeRolePolicyDocument: EC2_TRUST,
      });
      const first = await s.roles.listRoles(rootOf(accountId), { maxItems: 1 });
      expect(first.items.map((r) => r.roleName)).toEqual(['app']);
      const rest = await s.roles.listRoles(rootOf(accountId), { marker: first.marker });
      expect(rest.items.map((r) => r.roleName)).toEqual(['batch']);
      await expect(s.roles.getRole(rootOf(accountId), { roleName: 'nope' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      await expect(s.roles.listRoles(userOf(accountId, 'a'), {})).rejects.toMatchObject({
        code: 'AccessDenied',
      });
    });

    it('updates description and duration, keeping what is omitted', async () => {
      const { entity: updated } = await s.roles.updateRole(rootOf(accountId), {
        roleName: 'app',
        description: 'the app',
        maxSessionDuration: 43200,
      });
      expect(updated).toMatchObject({ description: 'the app', maxSessionDuration: 43200 });
      const { entity: again } = await s.roles.updateRole(rootOf(accountId), {
        roleName: 'app',
        maxSessionDuration: 7200,
      });
      expect(again).toMatchObject({ description: 'the app', maxSessionDuration: 7200 });
      expect((await s.events(accountId)).at(-1)?.event_type).toBe('role.updated.v1');
      await expect(
        s.roles.updateRole(rootOf(accountId), { roleName: 'app', maxSessionDuration: 100 }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        s.roles.updateRole(rootOf(accountId), { roleName: 'nope', description: 'x' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('replaces the trust policy only with a valid one', async () => {
      const doc = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${accountId}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      });
      const role = await s.roles.updateAssumeRolePolicy(rootOf(accountId), {
        roleName: 'app',
        policyDocument: doc,
      });
      expect(role.assumeRolePolicyDocument).toBe(doc);
      expect((await s.events(accountId)).at(-1)?.event_type).toBe('role.trust-policy-updated.v1');
      await expect(
        s.roles.updateAssumeRolePolicy(rootOf(accountId), {
          roleName: 'app',
          policyDocument: '[]',
        }),
      ).rejects.toMatchObject({ code: 'MalformedPolicyDocument' });
      await expect(
        s.roles.updateAssumeRolePolicy(userOf(accountId, 'a'), {
          roleName: 'app',
          policyDocument: doc,
        }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('tags and deleteRole', () => {
    it('tags, lists, untags; refuses a 51st tag', async () => {
      await s.roles.tagRole(rootOf(accountId), {
        roleName: 'app',
        tags: [{ key: 'ENV', value: 'dev' }],
      });
      const tags = await s.roles.listRoleTags(rootOf(accountId), { roleName: 'app' });
      expect(tags.items).toEqual([{ key: 'env', value: 'dev' }]);
      await s.roles.untagRole(rootOf(accountId), { roleName: 'app', tagKeys: ['env'] });
      expect((await s.roles.getRole(rootOf(accountId), { roleName: 'app' })).tags).toEqual([]);
      const types = (await s.events(accountId)).slice(-2).map((e) => e.event_type);
      expect(types).toEqual(['role.tagged.v1', 'role.untagged.v1']);
      const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      await expect(
        s.roles.tagRole(rootOf(accountId), { roleName: 'app', tags: many }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
      await expect(
        s.roles.tagRole(rootOf(accountId), {
          roleName: 'app',
          tags: [{ key: 'aws:k', value: 'v' }],
        }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        s.roles.untagRole(userOf(accountId, 'a'), { roleName: 'app', tagKeys: ['env'] }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });

    it('deletes a role with a role.deleted.v1 event; a second delete is NoSuchEntity', async () => {
      await s.roles.deleteRole(rootOf(accountId), { roleName: 'batch' });
      expect((await s.events(accountId)).at(-1)?.event_type).toBe('role.deleted.v1');
      await expect(
        s.roles.deleteRole(rootOf(accountId), { roleName: 'batch' }),
      ).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      await expect(
        s.roles.deleteRole(userOf(accountId, 'a'), { roleName: 'app' }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
      });
    });
  });
});
