import type { JsonMember, JsonNode, JsonObjectNode } from './json-ast.js';
import type { SourcePosition } from './json-pointer-map.js';

/** A string value with its place, e.g. one entry of an `Action` list. */
export interface StringLiteralAst {
  readonly value: string;
  readonly pointer: string;
  readonly position: SourcePosition;
}

/**
 * One element (`"Name": value`) of the document or of a statement. `value` is the raw JSON node; `strings` is
 * set when the value is a string or an array of strings (the shape of Action/Resource/Sid/…), else undefined.
 */
export interface PolicyElementAst {
  readonly name: string;
  /** Pointer of the element's value, e.g. `/Statement/0/Action`. */
  readonly pointer: string;
  readonly keyPosition: SourcePosition;
  readonly position: SourcePosition;
  readonly value: JsonNode;
  readonly strings: readonly StringLiteralAst[] | undefined;
  /** True when the value is a single string rather than an array. */
  readonly isSingleString: boolean;
}

/** One statement object. Each known element is the last occurrence of that key (JSON.parse semantics). */
export interface StatementAst {
  /** 0-based index in the Statement array (0 when Statement is a single object). */
  readonly index: number;
  readonly pointer: string;
  readonly position: SourcePosition;
  readonly node: JsonObjectNode;
  /** Every member in source order, known or not, duplicates included. */
  readonly members: readonly JsonMember[];
  readonly sid: PolicyElementAst | undefined;
  readonly effect: PolicyElementAst | undefined;
  readonly principal: PolicyElementAst | undefined;
  readonly notPrincipal: PolicyElementAst | undefined;
  readonly action: PolicyElementAst | undefined;
  readonly notAction: PolicyElementAst | undefined;
  readonly resource: PolicyElementAst | undefined;
  readonly notResource: PolicyElementAst | undefined;
  readonly condition: PolicyElementAst | undefined;
}

/** A parsed policy document: the top-level object, its known elements and its statement objects. */
export interface PolicyDocumentAst {
  readonly root: JsonObjectNode;
  readonly version: PolicyElementAst | undefined;
  readonly id: PolicyElementAst | undefined;
  /** The `Statement` element itself (object, array, or a wrongly typed value). */
  readonly statement: PolicyElementAst | undefined;
  /** Statement objects; non-object entries of the Statement array are left out (validate reports them). */
  readonly statements: readonly StatementAst[];
}
