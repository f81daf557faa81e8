import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets at rest (MFA seeds, signing keys) with AES-256-GCM. A sealed value is
 * `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url parts); the key id lets a rotated key ring open values sealed under
 * an earlier key. The associated data binds a value to its row (e.g. `mfa-seed:<account>:<serial>`), so a sealed
 * value copied into another row does not open.
 */
export class SecretBox {
  private readonly current: { readonly id: string; readonly key: Buffer };
  private readonly byId: ReadonlyMap<string, Buffer>;

  /** `keys[0]` seals; every key opens. Each key is 32 bytes, given as base64 or base64url. */
  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    const ring = keys.map((encoded) => {
      const key = decodeKey(encoded);
      return { id: keyId(key), key };
    });
    this.current = ring[0]!;
    this.byId = new Map(ring.map((entry) => [entry.id, entry.key]));
  }

  seal(plaintext: Buffer | string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return ['v1', this.current.id, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  /**
   * A 32-byte key for one purpose (`label`), derived from the sealing key with HKDF-SHA256: for keyed digests of
   * values that must not be stored as typed. A new sealing key derives new keys (what was keyed before no longer
   * matches), so use it only for data that may be forgotten at a rotation, such as throttle counters.
   */
  deriveKey(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.current.key, Buffer.alloc(0), label, 32));
  }

  /** Throws `SecretBoxError` when the value is malformed, sealed under an unknown key, tampered with or moved. */
  open(sealed: string, associatedData: string): Buffer {
    const [version, id, ivPart, bodyPart, extra] = sealed.split('.');
    if (version !== 'v1' || !id || !ivPart || !bodyPart || extra !== undefined)
      throw new SecretBoxError('malformed sealed value');
    const key = this.byId.get(id);
    if (key === undefined) throw new SecretBoxError(`no key with id ${id} in the key ring`);
    const iv = Buffer.from(ivPart, 'base64url');
    const body = Buffer.from(bodyPart, 'base64url');
    if (iv.length !== 12 || body.length < 16) throw new SecretBoxError('malformed sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    } catch {
      throw new SecretBoxError('sealed value does not authenticate');
    }
  }
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/** A fresh random 32-byte key, base64url (for `IAM_DATA_KEYS` and tests). */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64url');
}

function decodeKey(encoded: string): Buffer {
  const key = Buffer.from(encoded.trim().replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
  if (key.length !== 32) throw new Error('a data key is 32 bytes, base64 or base64url encoded');
  return key;
}

// SECURITY: the id is a hash prefix of the key: it names the key without revealing it.
function keyId(key: Buffer): string {
  return createHash('sha256').update('iam-secret-box-key-id').update(key).digest('hex').slice(0, 8);
}
