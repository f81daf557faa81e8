export { AccountsModule } from './accounts.module.js';
export { AccountEntity } from './account.entity.js';
export { AccountRepository } from './account.repository.js';
export type { AccountsModuleOptions } from './accounts.module.js';
export type { CreatedAccount } from './accounts.service.js';
export type {
  CreatedAdministrator,
  InitialAdministratorInput,
  InitialAdministrators,
} from './initial-administrator.js';
