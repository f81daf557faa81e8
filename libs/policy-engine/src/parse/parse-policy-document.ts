import type { PolicyIssue } from '../model/policy-issue.js';
import { POLICY_ISSUE_CODES } from '../model/policy-issue.js';
import type { JsonMember, JsonNode, JsonObjectNode } from './json-ast.js';
import { describeJsonType } from './json-ast.js';
import { parseJson } from './parse-json.js';
import type {
  PolicyDocumentAst,
  PolicyElementAst,
  StatementAst,
  StringLiteralAst,
} from './policy-document-ast.js';

/** Result of {@link parsePolicyDocument}. */
export type ParsePolicyDocumentResult =
  | {
      readonly ok: true;
      /** The document as plain JSON (what JSON.parse would return). */
      readonly value: unknown;
      readonly document: PolicyDocumentAst;
      /** Position of the value at an RFC 6901 pointer, or undefined when no such value exists. */
      positionOf(pointer: string): { line: number; column: number } | undefined;
    }
  | { readonly ok: false; readonly issues: PolicyIssue[] };

/**
 * Parses policy JSON text into an AST with a JSON pointer and position on every node. Fails only when the text
 * is unusable: not JSON, nested absurdly deep, or not a JSON object at the top. Never throws.
 */
export function parsePolicyDocument(text: string): ParsePolicyDocumentResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { code, message, pointer, position } = parsed.error;
    return {
      ok: false,
      issues: [
        {
          code,
          severity: POLICY_ISSUE_CODES[code],
          pointer,
          line: position.line,
          column: position.column,
          message,
        },
      ],
    };
  }
  const root = parsed.root;
  if (root.type !== 'object') {
    return {
      ok: false,
      issues: [
        {
          code: 'DATA_TYPE_MISMATCH',
          severity: POLICY_ISSUE_CODES.DATA_TYPE_MISMATCH,
          pointer: '',
          line: root.position.line,
          column: root.position.column,
          message: `a policy document must be a JSON object, found ${describeJsonType(root)}`,
        },
      ],
    };
  }
  const document = buildDocument(root);
  let positions: Map<string, { line: number; column: number }> | undefined;
  return {
    ok: true,
    value: parsed.value,
    document,
    positionOf(pointer: string) {
      positions ??= indexPositions(root);
      return positions.get(pointer);
    },
  };
}

function buildDocument(root: JsonObjectNode): PolicyDocumentAst {
  const version = lastElement(root, 'Version');
  const id = lastElement(root, 'Id');
  const statement = lastElement(root, 'Statement');
  const statements: StatementAst[] = [];
  if (statement !== undefined) {
    if (statement.value.type === 'object') {
      statements.push(buildStatement(statement.value, 0));
    } else if (statement.value.type === 'array') {
      statement.value.items.forEach((item, index) => {
        if (item.type === 'object') statements.push(buildStatement(item, index));
      });
    }
  }
  return { root, version, id, statement, statements };
}

function buildStatement(node: JsonObjectNode, index: number): StatementAst {
  return {
    index,
    pointer: node.pointer,
    position: node.position,
    node,
    members: node.members,
    sid: lastElement(node, 'Sid'),
    effect: lastElement(node, 'Effect'),
    principal: lastElement(node, 'Principal'),
    notPrincipal: lastElement(node, 'NotPrincipal'),
    action: lastElement(node, 'Action'),
    notAction: lastElement(node, 'NotAction'),
    resource: lastElement(node, 'Resource'),
    notResource: lastElement(node, 'NotResource'),
    condition: lastElement(node, 'Condition'),
  };
}

/** The last member named `name` (element names are case-sensitive, as in IAM). */
function lastElement(node: JsonObjectNode, name: string): PolicyElementAst | undefined {
  let found: JsonMember | undefined;
  for (const member of node.members) if (member.key === name) found = member;
  return found === undefined ? undefined : toElement(found);
}

/** Wraps a member as an element AST node. */
export function toElement(member: JsonMember): PolicyElementAst {
  return {
    name: member.key,
    pointer: member.pointer,
    keyPosition: member.keyPosition,
    position: member.value.position,
    value: member.value,
    strings: stringsOf(member.value),
    isSingleString: member.value.type === 'string',
  };
}

/** The strings of a string or array-of-strings value; undefined for any other shape. */
export function stringsOf(node: JsonNode): StringLiteralAst[] | undefined {
  if (node.type === 'string')
    return [{ value: node.value, pointer: node.pointer, position: node.position }];
  if (node.type !== 'array') return undefined;
  const strings: StringLiteralAst[] = [];
  for (const item of node.items) {
    if (item.type !== 'string') return undefined;
    strings.push({ value: item.value, pointer: item.pointer, position: item.position });
  }
  return strings;
}

// Built on first use: most callers never ask. Iterative, like the parser (depth is bounded anyway). For a
// duplicated key only the last member is indexed, matching the parsed value.
function indexPositions(root: JsonNode): Map<string, { line: number; column: number }> {
  const positions = new Map<string, { line: number; column: number }>();
  const pending: JsonNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    positions.set(node.pointer, { line: node.position.line, column: node.position.column });
    if (node.type === 'object') {
      const last = new Map<string, JsonNode>();
      for (const member of node.members) last.set(member.key, member.value);
      for (const value of last.values()) pending.push(value);
    } else if (node.type === 'array') {
      for (const item of node.items) pending.push(item);
    }
  }
  return positions;
}
