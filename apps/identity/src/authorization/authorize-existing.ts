import type { AccountId, CallerContext } from '@iam/common';
import { AccessDeniedError } from '@iam/common';
import type { Authorizer } from '@iam/authorization';

/**
 * Authorizes `action` on an entity looked up by name, as AWS does: on its real ARN (path included) when it exists,
 * on `nameArn` (the name's ARN with path `/`) when it does not. Call it after the lookup and before throwing the
 * entity's `NoSuchEntity`, so a caller denied either way gets `AccessDenied` and an allowed one `NoSuchEntity`.
 *
 * SECURITY: a denial always names `nameArn`, so its message reveals neither whether the entity exists nor its path.
 */
export async function authorizeExisting<T>(
  authorizer: Authorizer,
  caller: CallerContext,
  action: string,
  accountId: AccountId,
  entity: T | null,
  arnOf: (entity: T) => string,
  nameArn: string,
): Promise<void> {
  try {
    await authorizer.require(caller, action, entity === null ? nameArn : arnOf(entity), accountId);
  } catch (error) {
    if (error instanceof AccessDeniedError) throw new AccessDeniedError(action, nameArn);
    throw error;
  }
}
