import { InvalidInputError, LimitExceededError } from '@iam/common';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html and API_TagPolicy.html: a key is 1 to 128
// and a value 0 to 256 characters of letters, digits, white space and `_.:/=+-@`; `aws:` is reserved; at most 50
// tags per resource; keys are compared regardless of case.

/** A tag of a managed policy. */
export interface PolicyTag {
  readonly key: string;
  readonly value: string;
}

/** AWS: at most 50 tags per policy. */
export const MAX_POLICY_TAGS = 50;
const KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

function tooMany(): LimitExceededError {
  return new LimitExceededError(`a policy may have at most ${MAX_POLICY_TAGS} tags`, {
    limit: MAX_POLICY_TAGS,
  });
}

/** Checks one tag key (length, characters, not `aws:`). */
export function checkTagKey(key: string): string {
  if (!KEY.test(key)) {
    throw new InvalidInputError(`tag key \`${key}\` must be 1 to 128 allowed characters`, {
      tagKey: key,
    });
  }
  if (key.toLowerCase().startsWith('aws:')) {
    throw new InvalidInputError(`tag key \`${key}\` uses the reserved prefix \`aws:\``, {
      tagKey: key,
    });
  }
  return key;
}

/** Checks a tag list: every key and value, keys unique regardless of case, at most 50. */
export function checkTags(tags: readonly PolicyTag[] | null | undefined): PolicyTag[] {
  const list = tags ?? [];
  if (list.length > MAX_POLICY_TAGS) throw tooMany();
  const seen = new Set<string>();
  return list.map(({ key, value }) => {
    checkTagKey(key);
    if (!VALUE.test(value)) {
      throw new InvalidInputError(
        `the value of tag \`${key}\` must be 0 to 256 allowed characters`,
        {
          tagKey: key,
        },
      );
    }
    if (seen.has(key.toLowerCase())) {
      throw new InvalidInputError(`tag key \`${key}\` appears twice (keys ignore case)`, {
        tagKey: key,
      });
    }
    seen.add(key.toLowerCase());
    return { key, value };
  });
}

/** AWS TagPolicy: a key already present (regardless of case) takes the new value; at most 50 after the change. */
export function addTags(current: readonly PolicyTag[], added: readonly PolicyTag[]): PolicyTag[] {
  const next = current.map((t) => ({ ...t }));
  for (const tag of checkTags(added)) {
    const index = next.findIndex((t) => t.key.toLowerCase() === tag.key.toLowerCase());
    if (index >= 0) next[index] = { key: next[index]!.key, value: tag.value };
    else next.push(tag);
  }
  if (next.length > MAX_POLICY_TAGS) throw tooMany();
  return next;
}

/** AWS UntagPolicy: removes the keys (regardless of case); keys not present are ignored. */
export function removeTags(current: readonly PolicyTag[], keys: readonly string[]): PolicyTag[] {
  if (keys.length > MAX_POLICY_TAGS) {
    throw new InvalidInputError(`at most ${MAX_POLICY_TAGS} tag keys may be removed at once`);
  }
  const drop = new Set(keys.map((k) => checkTagKey(k).toLowerCase()));
  return current.filter((t) => !drop.has(t.key.toLowerCase()));
}
