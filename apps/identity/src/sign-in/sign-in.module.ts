import { Logger, Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, ModuleMetadata, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { Outbox, OutboxRelay } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { SecretBox } from '@iam/service-kit';
import { Authorizer } from '@iam/authorization';
import { IdentitySettings } from '../identity-settings.js';
import { SignInHousekeeping } from './housekeeping.js';
import { JwksController } from './jwks.controller.js';
import { SessionRevocationsController } from './session-revocations.controller.js';
import type { MfaVerifierPort, PasswordVerifierPort } from './ports.js';
import { MFA_VERIFIER, NoMfaVerifier, NoPasswordVerifier, PASSWORD_VERIFIER } from './ports.js';
import { DEFAULT_SESSION_AUDIENCE, DEFAULT_SESSION_ISSUER } from './session-token.js';
import { SignInResolver } from './sign-in.resolver.js';
import type { SignInSettings } from './sign-in.service.js';
import { SignInService } from './sign-in.service.js';
import { SigningKeys } from './signing-keys.js';
import { SOURCE_THROTTLE_POLICY, USER_THROTTLE_POLICY, UserNameKeys } from './throttle.js';

/** Default lifetimes: 15-minute session tokens, 12-hour sessions, signing keys rotated daily. */
export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings & { readonly keyRotationSeconds: number } = {
  token: {
    issuer: DEFAULT_SESSION_ISSUER,
    audience: DEFAULT_SESSION_AUDIENCE,
    lifetimeSeconds: 15 * 60,
  },
  refreshLifetimeSeconds: 12 * 60 * 60,
  userThrottle: USER_THROTTLE_POLICY,
  sourceThrottle: SOURCE_THROTTLE_POLICY,
  keyRotationSeconds: 24 * 60 * 60,
};

/** How the lead wires the real password and MFA checks (until then sign-in fails closed). */
export interface SignInModuleOptions {
  /** Modules that export the verifiers named below. */
  readonly imports?: ModuleMetadata['imports'];
  /** A provider token whose instance satisfies {@link PasswordVerifierPort} (e.g. `PasswordVerifier`). */
  readonly passwordVerifier?: InjectionToken;
  /** A provider token whose instance satisfies {@link MfaVerifierPort} (e.g. `MfaVerifier`). */
  readonly mfaVerifier?: InjectionToken;
  readonly settings?: Partial<typeof DEFAULT_SIGN_IN_SETTINGS>;
}

@Module({})
export class SignInModule {
  /**
   * `signIn`, `refreshSession`, `signOut`, `revokeUserSessions`, `GET /.well-known/jwks.json` and the gateway-only
   * `GET /internal/session-revocations`. Exports
   * {@link SignInService} (its `revokeAccountSessions` is the hook for account suspension).
   */
  static register(options: SignInModuleOptions = {}): DynamicModule {
    const settings = { ...DEFAULT_SIGN_IN_SETTINGS, ...options.settings };
    const port = (
      token: symbol,
      existing: InjectionToken | undefined,
      fallback: object,
    ): Provider =>
      existing === undefined
        ? { provide: token, useValue: fallback }
        : { provide: token, useExisting: existing };
    return {
      module: SignInModule,
      imports: options.imports ?? [],
      controllers: [JwksController, SessionRevocationsController],
      providers: [
        port(PASSWORD_VERIFIER, options.passwordVerifier, new NoPasswordVerifier()),
        port(MFA_VERIFIER, options.mfaVerifier, new NoMfaVerifier()),
        {
          provide: SigningKeys,
          inject: [DataSource, SecretBox],
          useFactory: (dataSource: DataSource, secretBox: SecretBox) =>
            new SigningKeys(new TenantTransaction(dataSource), secretBox, {
              rotationSeconds: settings.keyRotationSeconds,
              maxTokenLifetimeSeconds: settings.token.lifetimeSeconds,
            }),
        },
        {
          provide: SignInService,
          inject: [
            DataSource,
            Outbox,
            OutboxRelay,
            IdentitySettings,
            SigningKeys,
            PASSWORD_VERIFIER,
            MFA_VERIFIER,
            CLOCK,
            Authorizer,
            SecretBox,
          ],
          useFactory: (
            dataSource: DataSource,
            outbox: Outbox,
            relay: OutboxRelay,
            identity: IdentitySettings,
            signingKeys: SigningKeys,
            passwords: PasswordVerifierPort,
            mfa: MfaVerifierPort,
            clock: Clock,
            authorizer: Authorizer,
            secretBox: SecretBox,
          ) =>
            new SignInService({
              tenantTx: new TenantTransaction(dataSource),
              authorizer,
              outbox,
              relay,
              partition: identity.partition,
              now: () => clock.now(),
              passwords,
              mfa,
              signingKeys,
              settings,
              userNameKeys: new UserNameKeys(secretBox),
            }),
        },
        {
          provide: SignInHousekeeping,
          inject: [DataSource, CLOCK],
          useFactory: (dataSource: DataSource, clock: Clock) => {
            const log = new Logger('SignInHousekeeping');
            return new SignInHousekeeping({
              tenantTx: new TenantTransaction(dataSource),
              now: () => clock.now(),
              userThrottle: settings.userThrottle,
              sourceThrottle: settings.sourceThrottle,
              logger: {
                info: (message, fields) => log.log(`${message} ${JSON.stringify(fields ?? {})}`),
                warn: (message, fields) => log.warn(`${message} ${JSON.stringify(fields ?? {})}`),
              },
            });
          },
        },
        SignInResolver,
      ],
      exports: [SignInService],
    };
  }
}
