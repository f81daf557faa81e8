import { AccountEntity } from '../accounts/index.js';
import { GroupEntity, GroupMemberEntity } from '../groups/group.entity.js';
import { MfaDeviceEntity } from '../mfa/mfa-device.entity.js';
import { LoginProfileEntity, PasswordHistoryEntity } from '../passwords/login-profile.entity.js';
import { AccountPasswordPolicyEntity } from '../passwords/password-policy.entity.js';
import { RoleEntity } from '../roles/role.entity.js';
import { AccountQuotaEntity } from '../users/account-quota.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** Every identity entity. */
export const IDENTITY_ENTITIES = [
  AccountEntity,
  UserEntity,
  GroupEntity,
  GroupMemberEntity,
  RoleEntity,
  AccountQuotaEntity,
  MfaDeviceEntity,
  LoginProfileEntity,
  PasswordHistoryEntity,
  AccountPasswordPolicyEntity,
];
