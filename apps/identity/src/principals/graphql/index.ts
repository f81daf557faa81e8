export {
  AccountScopedInput,
  MarkerField,
  MaxItemsField,
  PAGE_DOCS,
  PathPrefixPageInput,
  TagInput,
  UserNameInput,
  UserNamePageInput,
} from './inputs.js';
export { PagedPayload } from './paged-payload.js';
export { pageAnswer, toTagModel } from './pages.js';
export { RevisionTokenField, revisionTokenOf } from './revision-token.js';
