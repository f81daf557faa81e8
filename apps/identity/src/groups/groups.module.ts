import { Module } from '@nestjs/common';
import { UserRepository } from '../users/index.js';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { PRINCIPAL_SERVICE_DEPS } from '../principals/index.js';
import { GroupRepository } from './group.repository.js';
import { GroupsResolver } from './groups.resolver.js';
import { GroupsService } from './groups.service.js';

@Module({
  providers: [
    GroupsResolver,
    {
      provide: GroupsService,
      inject: [PRINCIPAL_SERVICE_DEPS],
      useFactory: (deps: PrincipalServiceDeps) =>
        new GroupsService(deps, new GroupRepository(), new UserRepository()),
    },
  ],
})
export class GroupsModule {}
