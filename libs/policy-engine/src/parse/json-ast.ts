import type { SourcePosition } from './json-pointer-map.js';

/** Fields every JSON node has. */
interface JsonNodeBase {
  /** RFC 6901 pointer of this value. */
  readonly pointer: string;
  /** Where the value starts (its first character). */
  readonly position: SourcePosition;
  /** UTF-16 offset just past the value. */
  readonly endOffset: number;
}

/** One `"key": value` pair, in source order; duplicate keys stay as separate members. */
export interface JsonMember {
  readonly key: string;
  /** Where the key's opening quote is. */
  readonly keyPosition: SourcePosition;
  /** Pointer of the member (and of its value). */
  readonly pointer: string;
  readonly value: JsonNode;
}

export interface JsonObjectNode extends JsonNodeBase {
  readonly type: 'object';
  readonly members: readonly JsonMember[];
}

export interface JsonArrayNode extends JsonNodeBase {
  readonly type: 'array';
  readonly items: readonly JsonNode[];
}

export interface JsonStringNode extends JsonNodeBase {
  readonly type: 'string';
  readonly value: string;
}

export interface JsonNumberNode extends JsonNodeBase {
  readonly type: 'number';
  readonly value: number;
  /** The number as written, e.g. `1.50`. */
  readonly raw: string;
}

export interface JsonBooleanNode extends JsonNodeBase {
  readonly type: 'boolean';
  readonly value: boolean;
}

export interface JsonNullNode extends JsonNodeBase {
  readonly type: 'null';
}

/** A JSON value with its pointer and source position. */
export type JsonNode =
  JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;

/** Words for messages: `an object`, `a string`, … */
export function describeJsonType(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
  }
}
