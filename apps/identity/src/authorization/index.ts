// The authorizer itself lives in `@iam/authorization`, shared by every subgraph; identity adds the lookup rule.
export { authorizeExisting } from './authorize-existing.js';
