export type { EventActor, EventEnvelope, ParseEnvelopeResult } from './envelope.js';
export { parseEventEnvelope, topicFor, topicOf } from './envelope.js';
export { SECRET_FIELD_NAMES, SecretInEventError, assertNoSecrets } from './no-secrets.js';
export type {
  AccountChangeType,
  AccountChangedEvent,
  AccountCreatedPayload,
  AccountCreatedV1,
  InitialAdministratorPayload,
  AccountPayload,
} from './events/account-events.js';
export { accountChanged, accountCreatedV1 } from './events/account-events.js';
export type {
  EventMeta,
  GroupEvent,
  GroupEventType,
  GroupMembershipEvent,
  GroupMembershipEventType,
  GroupMembershipPayload,
  GroupPayload,
  RoleEvent,
  RoleEventType,
  RolePayload,
  TagPayload,
  UserEvent,
  UserEventType,
  UserPayload,
} from './events/principal-events.js';
export {
  groupEvent,
  groupMembershipEvent,
  roleEvent,
  userEvent,
} from './events/principal-events.js';
export type { AccountUpdatedV1 } from './events/account-updated.v1.js';
export { accountUpdatedV1 } from './events/account-updated.v1.js';
export type { AccountSuspendedV1 } from './events/account-suspended.v1.js';
export { accountSuspendedV1 } from './events/account-suspended.v1.js';
export type {
  MfaDeviceAssignmentPayload,
  MfaDeviceEvent,
  MfaDeviceEventType,
  VirtualMfaDeviceEvent,
  VirtualMfaDeviceEventType,
  VirtualMfaDevicePayload,
} from './events/mfa-events.js';
export { mfaDeviceEvent, virtualMfaDeviceEvent } from './events/mfa-events.js';
export type {
  AuthenticationMethod,
  PasswordChangeFailureReason,
  SessionEvent,
  SessionEventMeta,
  SessionEventPayloads,
  SessionEventType,
  SessionPasswordChangeFailedPayload,
  SessionRevocationReason,
  SessionRevokedPayload,
  SessionSignInFailedPayload,
  SessionSignedInPayload,
  SessionSignedOutPayload,
  SignInFailureReason,
} from './events/session-events.js';
export { HIDDEN_USER_NAME, sessionEvent } from './events/session-events.js';
export type {
  AccountQuotasPayload,
  AccountQuotasUpdatedV1,
} from './events/account-quotas-updated.v1.js';
export { accountQuotasUpdatedV1 } from './events/account-quotas-updated.v1.js';
export type {
  AccountPasswordPolicyEvent,
  AccountPasswordPolicyEventType,
  AccountPasswordPolicyPayload,
  LoginProfileEvent,
  LoginProfileEventType,
  LoginProfilePayload,
} from './events/password-events.js';
export { accountPasswordPolicyEvent, loginProfileEvent } from './events/password-events.js';
export type {
  PolicyServicePayload,
  PrincipalPoliciesEvent,
  PrincipalPoliciesPayload,
} from './events/policy-events.js';
export {
  PERMISSION_TOPICS,
  policyServiceEvent,
  principalPoliciesChanged,
} from './events/policy-events.js';
