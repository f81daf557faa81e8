import type { JWK } from 'jose';
import type { EntityManager } from 'typeorm';

/** A signing key's row as `current` reads it. */
export interface SigningKeyRow {
  readonly kid: string;
  readonly private_key_sealed: string;
  readonly signs_until: Date;
}

/** A new signing key's columns, in insertion order. */
export type NewSigningKeyValues = readonly [
  kid: string,
  algorithm: string,
  publicJwk: string,
  privateKeySealed: string,
  createdAt: Date,
  signsUntil: Date,
  publishedUntil: Date,
];

/** Queries on `identity.session_signing_keys` (global rows: platform transactions only). */
export class SigningKeyRepository {
  /** One rotation at a time across every instance (transaction-scoped advisory lock). */
  async lockRotation(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity.session_signing_keys'))`);
  }

  /** The newest key that signs at `now`, if any. */
  async signingAt(tx: EntityManager, now: Date): Promise<SigningKeyRow | null> {
    const rows: SigningKeyRow[] = await tx.query(
      `SELECT kid, private_key_sealed, signs_until FROM identity.session_signing_keys
       WHERE created_at <= $1 AND signs_until > $1 ORDER BY created_at DESC LIMIT 1`,
      [now],
    );
    return rows[0] ?? null;
  }

  /** Deletes the keys last published more than `afterSeconds` before `now`. */
  async deleteRetired(tx: EntityManager, now: Date, afterSeconds: number): Promise<void> {
    await tx.query(
      `DELETE FROM identity.session_signing_keys
       WHERE published_until < $1::timestamptz - make_interval(secs => $2::double precision)`,
      [now, afterSeconds],
    );
  }

  async insert(tx: EntityManager, values: NewSigningKeyValues): Promise<void> {
    await tx.query(
      `INSERT INTO identity.session_signing_keys
         (kid, algorithm, public_jwk, private_key_sealed, created_at, signs_until, published_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      values,
    );
  }

  /** The public keys published at `now`, newest first. */
  async publishedAt(tx: EntityManager, now: Date): Promise<JWK[]> {
    const rows: { public_jwk: JWK }[] = await tx.query(
      `SELECT public_jwk FROM identity.session_signing_keys
       WHERE created_at <= $1 AND published_until > $1 ORDER BY created_at DESC`,
      [now],
    );
    return rows.map((row) => row.public_jwk);
  }
}
