import type { ActionCatalogue } from '../catalogue/catalogue-model.js';
import type { PolicyKind } from '../grammar/policy-elements.js';
import type { PolicyIssueCode } from '../model/policy-issue.js';
import type { SourcePosition } from '../parse/json-pointer-map.js';
import type { PolicyDocumentAst } from '../parse/policy-document-ast.js';

/** Where an issue points: an RFC 6901 pointer and the source position of the node. */
export interface IssueLocation {
  readonly pointer: string;
  readonly position: SourcePosition;
}

/** What a rule sees. `document` is undefined when the text did not parse; text-level rules still run. */
export interface ValidationContext {
  readonly text: string;
  readonly kind: PolicyKind;
  readonly document: PolicyDocumentAst | undefined;
  /** The action catalogue to check actions and resources against; catalogue rules do nothing without one. */
  readonly catalogue: ActionCatalogue | undefined;
  /** Records an issue; the severity comes from the code table. */
  report(code: PolicyIssueCode, at: IssueLocation, message: string): void;
  /** Position of a UTF-16 offset in the text (for text-level rules). */
  locate(offset: number): SourcePosition;
}

/** A validation rule: inspects the context and reports issues. Rules never throw and never stop others. */
export type ValidationRule = (ctx: ValidationContext) => void;
