import { AccountEntity } from '../accounts/index.js';
import { GroupEntity, GroupMemberEntity } from '../groups/index.js';
import { MfaDeviceEntity } from '../mfa/index.js';
import {
  LoginProfileEntity,
  PasswordHistoryEntity,
  AccountPasswordPolicyEntity,
} from '../passwords/index.js';
import { RoleEntity } from '../roles/index.js';
import { AccountQuotaEntity } from '../principals/index.js';
import { UserEntity } from '../users/index.js';

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
