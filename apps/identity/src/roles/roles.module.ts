import { Module } from '@nestjs/common';
import { UsersModule, PRINCIPAL_SERVICE_DEPS } from '../users/index.js';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { RoleRepository } from './role.repository.js';
import { RolesResolver } from './roles.resolver.js';
import { RolesService } from './roles.service.js';

@Module({
  imports: [UsersModule],
  providers: [
    RolesResolver,
    {
      provide: RolesService,
      inject: [PRINCIPAL_SERVICE_DEPS],
      useFactory: (deps: PrincipalServiceDeps) => new RolesService(deps, new RoleRepository()),
    },
  ],
})
export class RolesModule {}
