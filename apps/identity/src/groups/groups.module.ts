import { Module } from '@nestjs/common';
import { UsersModule, PRINCIPAL_SERVICE_DEPS } from '../users/index.js';
import { UserRepository } from '../users/user.repository.js';
import type { PrincipalServiceDeps } from '../users/users.service.js';
import { GroupRepository } from './group.repository.js';
import { GroupsResolver } from './groups.resolver.js';
import { GroupsService } from './groups.service.js';

@Module({
  imports: [UsersModule],
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
