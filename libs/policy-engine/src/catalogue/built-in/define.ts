import type { AccessLevel, CatalogueAction } from '../catalogue-model.js';

/** Short names for the data tables. */
export const READ: AccessLevel = 'Read';
export const LIST: AccessLevel = 'List';
export const WRITE: AccessLevel = 'Write';
export const PERMISSIONS: AccessLevel = 'Permissions management';
export const TAGGING: AccessLevel = 'Tagging';

/** Keys of an action that tags what it creates or tags a resource. */
export const REQUEST_TAGS = ['aws:RequestTag/${TagKey}', 'aws:TagKeys'] as const;
/** Keys of an action that removes tags. */
export const TAG_KEYS = ['aws:TagKeys'] as const;

/** One row of an actions table. */
export function action(
  name: string,
  accessLevel: AccessLevel,
  resourceTypes: readonly string[] = [],
  conditionKeys: readonly string[] = [],
): CatalogueAction {
  return { name, accessLevel, resourceTypes, conditionKeys };
}
