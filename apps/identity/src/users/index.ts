export { UsersModule, PRINCIPAL_SERVICE_DEPS } from './users.module.js';
export type { UserAttachment } from './user-attachment.js';
