import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { TenantTransaction } from '@iam/persistence';
import type { SecretBox } from '@iam/service-kit';
import type { NewSigningKeyValues, SigningKeyRow } from './signing-key.repository.js';
import { SigningKeyRepository } from './signing-key.repository.js';

/** The JWS algorithm of session tokens (ECDSA P-256 with SHA-256). */
export const SESSION_TOKEN_ALGORITHM = 'ES256';

/** How signing keys rotate. */
export interface SigningKeySettings {
  /** A key signs for this long; then a new one is created (default 24 h). */
  readonly rotationSeconds: number;
  /** The longest lifetime of a token a key signs; its public key stays published that long after it stops. */
  readonly maxTokenLifetimeSeconds: number;
}

/** Clock skew allowed between identity and the gateway when a retired key is taken off the JWKS. */
const PUBLISH_SKEW_SECONDS = 5 * 60;
/** Retired keys are deleted this long after they were last published. */
const DELETE_AFTER_SECONDS = 24 * 60 * 60;

/** The key that signs now. */
export interface ActiveSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** After this instant the key signs no more (the next call to `current` rotates). */
  readonly signsUntil: Date;
}

/** A JSON Web Key Set of public keys (RFC 7517 section 5). */
export interface PublicJwks {
  readonly keys: readonly JWK[];
}

function associatedData(kid: string): string {
  return `session-signing-key:${kid}`;
}

/**
 * The session-token signing keys (`identity.session_signing_keys`, global rows: platform transactions only).
 * Private keys are sealed with the service's SecretBox (AES-256-GCM bound to the key id); public keys are stored as
 * plain JWKs. The newest key signs until it is `rotationSeconds` old; then the first caller creates the next one
 * under an advisory lock, so concurrent instances agree on one key. A retired public key stays published until
 * every token it signed has expired.
 */
export class SigningKeys {
  private cached: ActiveSigningKey | null = null;

  constructor(
    private readonly tenantTx: TenantTransaction,
    private readonly secretBox: SecretBox,
    private readonly settings: SigningKeySettings,
    private readonly keys: SigningKeyRepository = new SigningKeyRepository(),
  ) {
    if (settings.rotationSeconds <= 0 || settings.maxTokenLifetimeSeconds <= 0) {
      throw new Error('signing key periods must be positive');
    }
  }

  /** The key to sign with at `now`, creating (rotating to) a new one when the newest is too old. */
  async current(now: Date): Promise<ActiveSigningKey> {
    const cached = this.cached;
    if (cached !== null && cached.signsUntil.getTime() > now.getTime()) return cached;
    const key = await this.tenantTx.runAsPlatform(async (tx) => {
      await this.keys.lockRotation(tx);
      const row = await this.keys.signingAt(tx, now);
      if (row !== null) return this.unseal(row);
      await this.keys.deleteRetired(tx, now, DELETE_AFTER_SECONDS);
      return this.create(now, (values) => this.keys.insert(tx, values));
    });
    this.cached = key;
    return key;
  }

  /** The public keys a verifier must accept at `now`: the signing key and retired keys still published. */
  async publicJwks(now: Date): Promise<PublicJwks> {
    const keys = await this.tenantTx.runAsPlatform((tx) => this.keys.publishedAt(tx, now));
    return { keys };
  }

  private async unseal(row: SigningKeyRow): Promise<ActiveSigningKey> {
    const jwk = JSON.parse(
      this.secretBox.open(row.private_key_sealed, associatedData(row.kid)).toString('utf8'),
    ) as JWK;
    const privateKey = await importJWK(jwk, SESSION_TOKEN_ALGORITHM);
    if (privateKey instanceof Uint8Array) throw new Error('a signing key must be asymmetric');
    return { kid: row.kid, privateKey, signsUntil: new Date(row.signs_until) };
  }

  private async create(
    now: Date,
    insert: (values: NewSigningKeyValues) => Promise<void>,
  ): Promise<ActiveSigningKey> {
    const pair = await generateKeyPair(SESSION_TOKEN_ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(pair.privateKey);
    const signsUntil = new Date(now.getTime() + this.settings.rotationSeconds * 1000);
    const publishedUntil = new Date(
      signsUntil.getTime() + (this.settings.maxTokenLifetimeSeconds + PUBLISH_SKEW_SECONDS) * 1000,
    );
    const published: JWK = {
      kty: publicJwk.kty,
      crv: publicJwk.crv,
      x: publicJwk.x,
      y: publicJwk.y,
      kid,
      alg: SESSION_TOKEN_ALGORITHM,
      use: 'sig',
    };
    await insert([
      kid,
      SESSION_TOKEN_ALGORITHM,
      JSON.stringify(published),
      this.secretBox.seal(JSON.stringify(privateJwk), associatedData(kid)),
      now,
      signsUntil,
      publishedUntil,
    ]);
    return { kid, privateKey: pair.privateKey, signsUntil };
  }
}
