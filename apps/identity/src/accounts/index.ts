export { AccountsModule } from './accounts.module.js';
export { AccountEntity } from './account.entity.js';
export { AccountRepository } from './account.repository.js';
