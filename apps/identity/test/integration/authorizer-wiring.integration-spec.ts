import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import { createServiceDataSource } from '@iam/persistence';
import type { INestApplication } from '@nestjs/common';
import type { PrincipalServiceDeps } from '../../src/principals/service-deps.js';
import { PRINCIPAL_SERVICE_DEPS } from '../../src/principals/index.js';
import { SignInService } from '../../src/sign-in/index.js';
import { identityTestModule } from '../support/identity-subgraph.js';

// ONE authorizer per service: the one AuthorizationModule provides is what every identity module decides with.
describe('identity authorizer wiring', () => {
  let app: INestApplication;

  beforeAll(async () => {
    // Never connected: the module is built and initialised, no request runs.
    const dataSource = createServiceDataSource({
      url: 'postgresql://wiring@127.0.0.1:1/none',
      schema: 'identity',
      entities: [],
      applicationName: 'authorizer-wiring',
    });
    app = await NestFactory.create(
      identityTestModule(dataSource, undefined, new TestAdministratorsPolicySource()),
      { logger: false, abortOnError: false },
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('gives the principal use cases and sign-in the same Authorizer instance', () => {
    const authorizer = app.get(Authorizer, { strict: false });
    expect(authorizer).toBeInstanceOf(Authorizer);
    const principals = app.get<PrincipalServiceDeps>(PRINCIPAL_SERVICE_DEPS, { strict: false });
    expect(principals.authorizer).toBe(authorizer);
    const signIn = app.get(SignInService, { strict: false }) as unknown as {
      deps: { authorizer: Authorizer };
    };
    expect(signIn.deps.authorizer).toBe(authorizer);
  });
});
