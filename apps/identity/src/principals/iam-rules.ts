import { randomInt } from 'node:crypto';
import {
  IAM_NAME_MAX_LENGTH,
  InvalidInputError,
  LimitExceededError,
  MAX_IAM_PATH_LENGTH as MAX_PATH_LENGTH,
  VERSIONED_MARKER,
  isIamName,
  isIamPath,
  readMarker,
} from '@iam/common';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (Description, MaxSessionDuration).
// Name and path grammar: `@iam/common`'s, shared with the ARN parser.
const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007f]*$/;
// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html
const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const DESCRIPTION_PATTERN = /^[\u0009\u000a\u000d\u0020-\u007e\u00a1-\u00ff]*$/;

/** A key/value tag of a user, role or MFA device. */
export interface Tag {
  key: string;
  value: string;
}

/** AWS: at most 50 tags per user or role. */
export const MAX_TAGS = 50;
/** AWS: a user can be a member of at most 10 groups. */
export const MAX_GROUPS_PER_USER = 10;
// Paging (MaxItems, Marker): `@iam/common`'s paginator, with identity's versioned marker.
export { pageSize } from '@iam/common';

/** Which entity a name belongs to (decides the length limit). */
export type PrincipalKind = 'user' | 'group' | 'role';

/** Checks a user, group or role name: `InvalidInput` outside AWS's pattern and length. */
export function checkName(kind: PrincipalKind, name: string): string {
  const max = IAM_NAME_MAX_LENGTH[kind];
  if (!isIamName(kind, name)) {
    throw new InvalidInputError(
      `${kind} name \`${name}\` must be 1 to ${max} letters, digits and characters from \`+=,.@_-\``,
      { [`${kind}Name`]: name },
    );
  }
  return name;
}

/**
 * The target of an UpdateUser/UpdateGroup: the checked new name and new path, each `null` when not changed.
 */
export function checkMove(
  kind: PrincipalKind,
  newName: string | null | undefined,
  newPath: string | null | undefined,
): { readonly newName: string | null; readonly newPath: string | null } {
  return {
    newName: newName === null || newName === undefined ? null : checkName(kind, newName),
    newPath: newPath === null || newPath === undefined ? null : checkPath(newPath),
  };
}

/** Checks a path (`/` or `/a/b/`, up to 512 characters); `undefined`/`null` means `/`. */
export function checkPath(path: string | null | undefined): string {
  const value = path ?? '/';
  if (!isIamPath(value)) {
    throw new InvalidInputError(
      `path \`${value}\` must be \`/\` or begin and end with \`/\` (printable ASCII, up to ${MAX_PATH_LENGTH} characters)`,
      { path: value },
    );
  }
  return value;
}

/** Checks a list PathPrefix; `undefined`/`null` means `/` (everything). */
export function checkPathPrefix(prefix: string | null | undefined): string {
  const value = prefix ?? '/';
  if (value.length > MAX_PATH_LENGTH || !PATH_PREFIX_PATTERN.test(value)) {
    throw new InvalidInputError(`path prefix \`${value}\` must begin with \`/\``, {
      pathPrefix: value,
    });
  }
  return value;
}

/** An opaque marker: the sort key (lower-case name) of the last item returned. */
export function encodeMarker(sortKey: string): string {
  return VERSIONED_MARKER.encode(sortKey);
}

/** Decodes a marker this service returned; anything else is `InvalidInput`. */
export function decodeMarker(marker: string | null | undefined): string | null {
  return readMarker(marker, VERSIONED_MARKER);
}

/** Checks a role description (0..1000 characters, AWS's character set). */
export function checkDescription(description: string | null | undefined): string | null {
  if (description === null || description === undefined) return null;
  if (description.length > 1000 || !DESCRIPTION_PATTERN.test(description)) {
    throw new InvalidInputError('description must be at most 1000 printable characters');
  }
  return description;
}

/** Checks MaxSessionDuration (3600..43200 seconds); `undefined`/`null` means 3600. */
export function checkMaxSessionDuration(seconds: number | null | undefined): number {
  const value = seconds ?? 3600;
  if (!Number.isInteger(value) || value < 3600 || value > 43200) {
    throw new InvalidInputError(
      'maxSessionDuration must be an integer from 3600 to 43200 seconds',
      {
        maxSessionDuration: value,
      },
    );
  }
  return value;
}

/** Checks a tag list: AWS key/value rules, no `aws:` prefix, keys unique regardless of case. */
export function checkTags(tags: readonly Tag[] | null | undefined): Tag[] {
  const list = tags ?? [];
  if (list.length > MAX_TAGS) {
    throw new LimitExceededError(`at most ${MAX_TAGS} tags are allowed`, { maxTags: MAX_TAGS });
  }
  const seen = new Set<string>();
  for (const { key, value } of list) {
    checkTagKey(key);
    if (value.length > 256 || !TAG_VALUE_PATTERN.test(value)) {
      throw new InvalidInputError(
        `tag value for key \`${key}\` must be 0 to 256 allowed characters`,
        {
          tagKey: key,
        },
      );
    }
    const lower = key.toLowerCase();
    if (seen.has(lower)) {
      throw new InvalidInputError(`tag key \`${key}\` appears more than once (keys ignore case)`, {
        tagKey: key,
      });
    }
    seen.add(lower);
  }
  return list.map(({ key, value }) => ({ key, value }));
}

/** Checks one tag key (also used by untag). */
export function checkTagKey(key: string): string {
  if (key.length < 1 || key.length > 128 || !TAG_KEY_PATTERN.test(key)) {
    throw new InvalidInputError(`tag key \`${key}\` must be 1 to 128 allowed characters`, {
      tagKey: key,
    });
  }
  // AWS: the aws: prefix is reserved for AWS use, in any case.
  if (key.toLowerCase().startsWith('aws:')) {
    throw new InvalidInputError(`tag key \`${key}\` uses the reserved prefix \`aws:\``, {
      tagKey: key,
    });
  }
  return key;
}

/**
 * AWS TagUser/TagRole: a tag whose key matches an existing one (ignoring case) replaces its value; the result may
 * hold at most 50 tags (`LimitExceeded`).
 */
export function mergeTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const incoming = checkTags(added);
  const next = current.map((t) => ({ ...t }));
  for (const tag of incoming) {
    const existing = next.find((t) => t.key.toLowerCase() === tag.key.toLowerCase());
    if (existing) existing.value = tag.value;
    else next.push(tag);
  }
  if (next.length > MAX_TAGS) {
    throw new LimitExceededError(`at most ${MAX_TAGS} tags are allowed`, { maxTags: MAX_TAGS });
  }
  return next;
}

/** AWS UntagUser/UntagRole: removes the keys (ignoring case); unknown keys are ignored. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  if (keys.length > MAX_TAGS) throw new InvalidInputError(`at most ${MAX_TAGS} tag keys`);
  const drop = new Set(keys.map((k) => checkTagKey(k).toLowerCase()));
  return current.filter((t) => !drop.has(t.key.toLowerCase()));
}

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
const ID_PREFIX: Record<PrincipalKind, string> = { user: 'AIDA', group: 'AGPA', role: 'AROA' };
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random unique id: the AWS prefix and 17 base32 characters (21 in all, as AWS's). */
export function newUniqueId(kind: PrincipalKind): string {
  let id = ID_PREFIX[kind];
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** `arn:<partition>:iam::<account>:<kind>/<path without leading slash><name>`. */
export function principalArn(
  partition: string,
  accountId: string,
  kind: PrincipalKind,
  path: string,
  name: string,
): string {
  return `arn:${partition}:iam::${accountId}:${kind}${path}${name}`;
}
