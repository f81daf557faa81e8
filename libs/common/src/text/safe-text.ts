/**
 * Whether a string can be stored and compared as text: no NUL (PostgreSQL text cannot hold U+0000) and no unpaired
 * UTF-16 surrogate (it has no UTF-8 encoding; the driver would store U+FFFD instead). Every AWS IAM character
 * pattern excludes both, so a string failing this check is never a valid parameter value.
 */
export function isSafeText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}
