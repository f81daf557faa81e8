// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html (UserName, Path),
// API_CreateGroup.html (GroupName up to 128), API_CreateRole.html (RoleName), API_CreatePolicy.html (PolicyName),
// API_CreateVirtualMFADevice.html (VirtualMFADeviceName up to 226). One grammar for the checks of identity and
// for the ARN parser, so an entity identity stores always has an ARN that parses.

/** The characters of a user, group, role, policy or MFA device name: letters, digits and `+=,.@_-`. */
export const IAM_NAME_PATTERN = /^[\w+=,.@-]+$/;
/** A path: `/`, or `/` + printable ASCII + `/` (AWS's own pattern; it allows `/a//b/`). */
export const IAM_PATH_PATTERN = /^(?:\/|\/[\u0021-\u007e]+\/)$/;
/** AWS: a path has at most 512 characters. */
export const MAX_IAM_PATH_LENGTH = 512;

/** The IAM entities whose names follow {@link IAM_NAME_PATTERN}, each with its own length limit. */
export type IamNamedEntity = 'user' | 'group' | 'role' | 'policy' | 'mfa';

/** AWS's maximum name length of each entity. */
export const IAM_NAME_MAX_LENGTH: Readonly<Record<IamNamedEntity, number>> = {
  user: 64,
  group: 128,
  role: 64,
  policy: 128,
  mfa: 226,
};

/** True when `name` is a valid name of a `kind` entity (pattern and length). */
export function isIamName(kind: IamNamedEntity, name: string): boolean {
  return name.length <= IAM_NAME_MAX_LENGTH[kind] && IAM_NAME_PATTERN.test(name);
}

/** True when `path` is a valid IAM path (`/` or `/a/b/`, at most 512 characters). */
export function isIamPath(path: string): boolean {
  return path.length <= MAX_IAM_PATH_LENGTH && IAM_PATH_PATTERN.test(path);
}
