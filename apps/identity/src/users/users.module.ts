import { Module } from '@nestjs/common';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { PRINCIPAL_SERVICE_DEPS } from '../principals/index.js';
import { UserRepository } from './user.repository.js';
import { UsersService } from './users.service.js';
import { UsersResolver } from './users.resolver.js';

// PRINCIPAL_SERVICE_DEPS comes from the global PrincipalsModule (app.module.ts), with DeleteUser's attachments.
@Module({
  providers: [
    UsersResolver,
    {
      provide: UsersService,
      inject: [PRINCIPAL_SERVICE_DEPS],
      useFactory: (deps: PrincipalServiceDeps) => new UsersService(deps, new UserRepository()),
    },
  ],
})
export class UsersModule {}
