import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';

/** argon2id cost parameters. */
export interface Argon2idOptions {
  /** Memory in KiB (`m`). */
  readonly memoryCost: number;
  /** Passes (`t`). */
  readonly timeCost: number;
  /** Lanes (`p`). */
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet's minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2ID_OPTIONS: Argon2idOptions = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

// `Algorithm.Argon2id` and `Version.V0x13` of @node-rs/argon2 are `const enum`s, which isolated modules cannot
// import: their values.
const ARGON2ID = 2;
const VERSION_0X13 = 1;

/**
 * Hashes passwords with argon2id and verifies them in constant time (the library compares digests in constant
 * time). Only the PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$digest`) is stored: it carries the salt and
 * the parameters, so older hashes stay verifiable after the parameters change. SECURITY: never logs a password.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(readonly options: Argon2idOptions = DEFAULT_ARGON2ID_OPTIONS) {}

  /** A new PHC string for `password` (fresh 16-byte salt). */
  hash(password: string): Promise<string> {
    return hash(password, {
      algorithm: ARGON2ID,
      version: VERSION_0X13,
      memoryCost: this.options.memoryCost,
      timeCost: this.options.timeCost,
      parallelism: this.options.parallelism,
    });
  }

  /** Whether `password` matches `phc`. A malformed stored hash answers false (and is not an error to the caller). */
  async verify(phc: string, password: string): Promise<boolean> {
    try {
      return await verify(phc, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends one verification against a hash of a random value, with the current parameters: the path for an
   * unknown user or a user without a password, so that it costs what a wrong password costs. Always false.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64'));
    await this.verify(await this.dummy, password);
    return false;
  }

  /** Whether `phc` was made with other parameters (or another algorithm) than the current ones: rehash it. */
  needsRehash(phc: string): boolean {
    try {
      const parsed = parseOptions(phc);
      return (
        (parsed.algorithm as number) !== ARGON2ID ||
        (parsed.version as number) !== VERSION_0X13 ||
        parsed.memoryCost !== this.options.memoryCost ||
        parsed.timeCost !== this.options.timeCost ||
        parsed.parallelism !== this.options.parallelism
      );
    } catch {
      return true;
    }
  }
}
