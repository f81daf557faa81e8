export { RolesModule } from './roles.module.js';
export { RoleEntity } from './role.entity.js';
