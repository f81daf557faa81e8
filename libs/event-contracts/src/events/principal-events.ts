import type { EventEnvelope } from '../envelope.js';
import type { EventMeta } from './identity-envelope.js';
import { identityEnvelope } from './identity-envelope.js';

export type { EventMeta } from './identity-envelope.js';

/** One tag of a user or role, as AWS returns it. */
export interface TagPayload {
  readonly key: string;
  readonly value: string;
}

/** The public state of an IAM user carried by user events (never credentials). */
export interface UserPayload {
  readonly accountId: string;
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly tags: readonly TagPayload[];
}

/** The public state of an IAM group carried by group events. */
export interface GroupPayload {
  readonly accountId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
}

/** A membership change: which user joined or left which group. */
export interface GroupMembershipPayload {
  readonly accountId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly userId: string;
  readonly userName: string;
}

/** The public state of an IAM role carried by role events (the trust policy is not secret). */
export interface RolePayload {
  readonly accountId: string;
  readonly roleId: string;
  readonly roleName: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string | null;
  readonly maxSessionDuration: number;
  readonly assumeRolePolicyDocument: string;
  readonly createdAt: string;
  readonly tags: readonly TagPayload[];
}

/** User events on `iam.identity.user`: the user's state after the change (for deletion, its last state). */
export type UserEventType =
  'user.created.v1' | 'user.updated.v1' | 'user.deleted.v1' | 'user.tagged.v1' | 'user.untagged.v1';

/** Group events on `iam.identity.group`. */
export type GroupEventType = 'group.created.v1' | 'group.updated.v1' | 'group.deleted.v1';

/** Group membership events on `iam.identity.group`. */
export type GroupMembershipEventType = 'group.member-added.v1' | 'group.member-removed.v1';

/** Role events on `iam.identity.role`. */
export type RoleEventType =
  | 'role.created.v1'
  | 'role.updated.v1'
  | 'role.trust-policy-updated.v1'
  | 'role.deleted.v1'
  | 'role.tagged.v1'
  | 'role.untagged.v1';

/** A user event envelope. */
export type UserEvent = EventEnvelope<UserEventType, UserPayload>;
/** A group event envelope. */
export type GroupEvent = EventEnvelope<GroupEventType, GroupPayload>;
/** A group membership event envelope. */
export type GroupMembershipEvent = EventEnvelope<GroupMembershipEventType, GroupMembershipPayload>;
/** A role event envelope. */
export type RoleEvent = EventEnvelope<RoleEventType, RolePayload>;

/** Builds a user event (aggregate id: the user id). */
export function userEvent(type: UserEventType, meta: EventMeta, user: UserPayload): UserEvent {
  return identityEnvelope(type, 'user', user.userId, meta, user);
}

/** Builds a group event (aggregate id: the group id). */
export function groupEvent(type: GroupEventType, meta: EventMeta, group: GroupPayload): GroupEvent {
  return identityEnvelope(type, 'group', group.groupId, meta, group);
}

/** Builds a membership event; keyed by the group so one group's membership changes stay ordered. */
export function groupMembershipEvent(
  type: GroupMembershipEventType,
  meta: EventMeta,
  membership: GroupMembershipPayload,
): GroupMembershipEvent {
  return identityEnvelope(type, 'group', membership.groupId, meta, membership);
}

/** Builds a role event (aggregate id: the role id). */
export function roleEvent(type: RoleEventType, meta: EventMeta, role: RolePayload): RoleEvent {
  return identityEnvelope(type, 'role', role.roleId, meta, role);
}
