import { Module } from '@nestjs/common';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { PRINCIPAL_SERVICE_DEPS } from '../principals/index.js';
import { RoleRepository } from './role.repository.js';
import { RolesResolver } from './roles.resolver.js';
import { RolesService } from './roles.service.js';

@Module({
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
