import { DomainError } from '@iam/common';
import type { PolicyIssue } from '@iam/policy-engine';
import { entityAlreadyExists, noSuchEntity } from '../principals/errors/error-classes.js';

/** AWS `NoSuchEntity`: no role of that name in the account (or not visible to the caller: same answer). */
export class RoleNotFoundError extends noSuchEntity('role') {}

/** AWS `EntityAlreadyExists`: role names are unique per account regardless of case. */
export class RoleAlreadyExistsError extends entityAlreadyExists('role') {}

/** AWS `MalformedPolicyDocument`: the trust policy has error-severity issues (all of them are listed). */
export class MalformedPolicyDocumentError extends DomainError {
  readonly code = 'MalformedPolicyDocument';
  readonly category = 'BAD_USER_INPUT';

  constructor(readonly issues: readonly PolicyIssue[]) {
    const listed = issues.map((i) => `${i.code} at \`${i.pointer || '/'}\`: ${i.message}`);
    super(`the trust policy is malformed: ${listed.join('; ')}`, {
      issueCount: issues.length,
      issueCodes: issues.map((i) => i.code).join(','),
    });
  }
}
