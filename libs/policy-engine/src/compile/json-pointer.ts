/** Escapes one RFC 6901 reference token (`~` → `~0`, `/` → `~1`). */
export function pointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
