export type { JsonArrayNode, JsonMember, JsonNode, JsonObjectNode } from './json-ast.js';
export type { JsonBooleanNode, JsonNullNode, JsonNumberNode, JsonStringNode } from './json-ast.js';
export { escapePointerToken, type SourcePosition } from './json-pointer-map.js';
export { MAX_JSON_DEPTH } from './parse-json.js';
export { parsePolicyDocument, type ParsePolicyDocumentResult } from './parse-policy-document.js';
export type {
  PolicyDocumentAst,
  PolicyElementAst,
  StatementAst,
  StringLiteralAst,
} from './policy-document-ast.js';
