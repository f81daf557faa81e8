import type {
  JsonArrayNode,
  JsonMember,
  JsonNode,
  JsonObjectNode,
  JsonStringNode,
} from './json-ast.js';
import { childPointer, PositionLocator, type SourcePosition } from './json-pointer-map.js';

// An RFC 8259 parser that records where every key and value is. It runs on an explicit stack (no recursion), so
// hostile nesting cannot overflow the call stack, and it stops at MAX_JSON_DEPTH: no IAM policy nests deeper than
// about six levels, and later stages may then walk the value recursively without risk.

/** Deepest nesting of objects/arrays accepted (the root object is depth 1). */
export const MAX_JSON_DEPTH = 64;

/** Why JSON text was rejected. */
export interface JsonSyntaxError {
  readonly code: 'JSON_SYNTAX_ERROR' | 'JSON_NESTING_TOO_DEEP';
  readonly message: string;
  /** Pointer of the value being read, or of the enclosing container for structural errors. */
  readonly pointer: string;
  readonly position: SourcePosition;
}

export type ParseJsonResult =
  | { readonly ok: true; readonly root: JsonNode; readonly value: unknown }
  | { readonly ok: false; readonly error: JsonSyntaxError };

interface MutableObject {
  readonly type: 'object';
  readonly pointer: string;
  readonly position: SourcePosition;
  endOffset: number;
  readonly members: JsonMember[];
  readonly value: Record<string, unknown>;
  /** 0: expect first key or `}`; 1: expect key; 2: expect `,` or `}`. */
  state: 0 | 1 | 2;
  pendingKey: { key: string; position: SourcePosition } | null;
}

interface MutableArray {
  readonly type: 'array';
  readonly pointer: string;
  readonly position: SourcePosition;
  endOffset: number;
  readonly items: JsonNode[];
  readonly value: unknown[];
  /** 0: expect first value or `]`; 1: expect value; 2: expect `,` or `]`. */
  state: 0 | 1 | 2;
}

type Frame = MutableObject | MutableArray;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Internal: unwinds the parser to parseJson, which turns it into a result. Never escapes this module. */
class SyntaxFailure extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.message);
  }
}

/** Parses JSON text. Never throws on any input. */
export function parseJson(text: string): ParseJsonResult {
  try {
    return new JsonParser(text).parse();
  } catch (caught) {
    if (caught instanceof SyntaxFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}

class JsonParser {
  private index = 0;
  private readonly locator: PositionLocator;
  private readonly stack: Frame[] = [];

  constructor(private readonly text: string) {
    this.locator = new PositionLocator(text);
    // A byte-order mark is not JSON whitespace; skip it here and let the character rule report it.
    if (text.charCodeAt(0) === 0xfeff) this.index = 1;
  }

  parse(): ParseJsonResult {
    this.skipWhitespace();
    if (this.index >= this.text.length) {
      this.fail('the document is empty', '', this.index);
    }
    let root: { node: JsonNode; value: unknown } | null = this.readValueStart('');
    while (this.stack.length > 0) {
      root = this.step();
    }
    if (root === null) this.fail('unexpected end of input', '', this.index);
    this.skipWhitespace();
    if (this.index < this.text.length) {
      this.fail(`unexpected ${this.describeHere()} after the end of the document`, '', this.index);
    }
    return { ok: true, root: root.node, value: root.value };
  }

  /** Advances the innermost container by one token; returns the root once the outermost one closes. */
  private step(): { node: JsonNode; value: unknown } | null {
    const frame = this.stack[this.stack.length - 1]!;
    this.skipWhitespace();
    const code = this.text.charCodeAt(this.index);
    if (frame.type === 'object') {
      if (frame.state === 2) {
        if (code === 0x2c /* , */) {
          this.index += 1;
          frame.state = 1;
          return null;
        }
        if (code === 0x7d /* } */) return this.close(frame);
        this.fail(
          `expected \`,\` or \`}\` but found ${this.describeHere()}`,
          frame.pointer,
          this.index,
        );
      }
      if (frame.state === 0 && code === 0x7d) return this.close(frame);
      if (code !== 0x22 /* " */) {
        const what = frame.state === 0 ? 'a key or `}`' : 'a key';
        this.fail(`expected ${what} but found ${this.describeHere()}`, frame.pointer, this.index);
      }
      const keyPosition = this.locator.locate(this.index);
      const key = this.readString(frame.pointer);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.index) !== 0x3a /* : */) {
        this.fail(
          `expected \`:\` after key \`${key}\` but found ${this.describeHere()}`,
          frame.pointer,
          this.index,
        );
      }
      this.index += 1;
      this.skipWhitespace();
      frame.pendingKey = { key, position: keyPosition };
      frame.state = 2;
      const child = this.readValueStart(childPointer(frame.pointer, key));
      if (child !== null) this.attach(frame, child.node, child.value);
      return null;
    }
    if (frame.state === 2) {
      if (code === 0x2c) {
        this.index += 1;
        frame.state = 1;
        return null;
      }
      if (code === 0x5d /* ] */) return this.close(frame);
      this.fail(
        `expected \`,\` or \`]\` but found ${this.describeHere()}`,
        frame.pointer,
        this.index,
      );
    }
    if (frame.state === 0 && code === 0x5d) return this.close(frame);
    frame.state = 2;
    const child = this.readValueStart(childPointer(frame.pointer, frame.items.length));
    if (child !== null) this.attach(frame, child.node, child.value);
    return null;
  }

  /**
   * Reads a scalar completely, or opens a container (pushing a frame) and returns null. The container is
   * attached to its parent when it closes.
   */
  private readValueStart(pointer: string): { node: JsonNode; value: unknown } | null {
    const start = this.index;
    const code = this.text.charCodeAt(start);
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (this.stack.length >= MAX_JSON_DEPTH) {
        throw new SyntaxFailure({
          code: 'JSON_NESTING_TOO_DEEP',
          message: `the document nests deeper than ${MAX_JSON_DEPTH} levels`,
          pointer,
          position: this.locator.locate(start),
        });
      }
      const position = this.locator.locate(start);
      this.index += 1;
      if (code === 0x7b) {
        this.stack.push({
          type: 'object',
          pointer,
          position,
          endOffset: start,
          members: [],
          value: {},
          state: 0,
          pendingKey: null,
        });
      } else {
        this.stack.push({
          type: 'array',
          pointer,
          position,
          endOffset: start,
          items: [],
          value: [],
          state: 0,
        });
      }
      return null;
    }
    if (code === 0x22) {
      const position = this.locator.locate(start);
      const value = this.readString(pointer);
      const node: JsonStringNode = {
        type: 'string',
        pointer,
        position,
        endOffset: this.index,
        value,
      };
      return { node, value };
    }
    if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
      NUMBER.lastIndex = start;
      const match = NUMBER.exec(this.text);
      if (match === null) this.fail(`invalid number`, pointer, start);
      const raw = match[0];
      this.index = start + raw.length;
      const value = Number(raw);
      const position = this.locator.locate(start);
      return {
        node: { type: 'number', pointer, position, endOffset: this.index, value, raw },
        value,
      };
    }
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, start)) {
        this.index = start + word.length;
        const position = this.locator.locate(start);
        const node: JsonNode =
          value === null
            ? { type: 'null', pointer, position, endOffset: this.index }
            : { type: 'boolean', pointer, position, endOffset: this.index, value };
        return { node, value };
      }
    }
    this.fail(`expected a value but found ${this.describeHere()}`, pointer, start);
  }

  private attach(frame: Frame, node: JsonNode, value: unknown): void {
    if (frame.type === 'array') {
      frame.items.push(node);
      frame.value.push(value);
      return;
    }
    const pending = frame.pendingKey!;
    frame.members.push({
      key: pending.key,
      keyPosition: pending.position,
      pointer: node.pointer,
      value: node,
    });
    // defineProperty, not assignment: a `__proto__` key must become an own property, as with JSON.parse.
    Object.defineProperty(frame.value, pending.key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    frame.pendingKey = null;
  }

  private close(frame: Frame): { node: JsonNode; value: unknown } | null {
    this.index += 1;
    this.stack.pop();
    const node: JsonObjectNode | JsonArrayNode =
      frame.type === 'object'
        ? {
            type: 'object',
            pointer: frame.pointer,
            position: frame.position,
            endOffset: this.index,
            members: frame.members,
          }
        : {
            type: 'array',
            pointer: frame.pointer,
            position: frame.position,
            endOffset: this.index,
            items: frame.items,
          };
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) return { node, value: frame.value };
    this.attach(parent, node, frame.value);
    return null;
  }

  /** Reads a string starting at the opening quote; leaves the index after the closing quote. */
  private readString(pointer: string): string {
    const text = this.text;
    const start = this.index;
    let index = start + 1;
    let chunkStart = index;
    let result = '';
    for (;;) {
      if (index >= text.length) this.fail('unterminated string', pointer, start);
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        result += text.slice(chunkStart, index);
        this.index = index + 1;
        return result;
      }
      if (code < 0x20) {
        this.fail(`control character U+${hex4(code)} must be escaped in a string`, pointer, index);
      }
      if (code !== 0x5c /* \ */) {
        index += 1;
        continue;
      }
      result += text.slice(chunkStart, index);
      const escape = text.charAt(index + 1);
      const simple = SIMPLE_ESCAPES[escape];
      if (simple !== undefined) {
        result += simple;
        index += 2;
      } else if (escape === 'u') {
        const digits = text.slice(index + 2, index + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(digits)) {
          this.fail('invalid unicode escape, expected `\\u` and four hex digits', pointer, index);
        }
        result += String.fromCharCode(Number.parseInt(digits, 16));
        index += 6;
      } else {
        const shown = escape === '' ? 'end of input' : `\`\\${escape}\``;
        this.fail(`invalid escape ${shown} in a string`, pointer, index);
      }
      chunkStart = index;
    }
  }

  private skipWhitespace(): void {
    const text = this.text;
    let index = this.index;
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) index += 1;
      else break;
    }
    this.index = index;
  }

  private describeHere(): string {
    if (this.index >= this.text.length) return 'end of input';
    const codePoint = this.text.codePointAt(this.index)!;
    if (codePoint < 0x20 || codePoint === 0x7f || codePoint > 0x7e)
      return `character U+${hex4(codePoint)}`;
    return `\`${String.fromCodePoint(codePoint)}\``;
  }

  private fail(message: string, pointer: string, offset: number): never {
    throw new SyntaxFailure({
      code: 'JSON_SYNTAX_ERROR',
      message,
      pointer,
      position: this.locator.locate(offset),
    });
  }
}

const LITERALS: ReadonlyArray<readonly [string, boolean | null]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
