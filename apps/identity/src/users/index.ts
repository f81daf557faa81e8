export { UsersModule, PRINCIPAL_SERVICE_DEPS } from './users.module.js';
