export {
  ACCOUNT_ID_OPTIONS,
  AccountScopedInput,
  MarkerField,
  MaxItemsField,
  PAGE_DOCS,
  PathPrefixPageInput,
  TagInput,
  UserNameInput,
  UserNamePageInput,
} from './inputs.js';
export type { PageFields } from './paged-payload.js';
export { PagedPayload } from './paged-payload.js';
export type { ItemsPage } from './pages.js';
export { pageAnswer, toTagModel } from './pages.js';
