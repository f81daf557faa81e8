export { AccountsModule } from './accounts.module.js';
export { AccountEntity } from './account.entity.js';
