// RFC 6901 JSON pointers and text positions. Positions are 1-based lines and columns; a column counts Unicode
// code points (a surrogate pair is one column), so an editor shows the caret where we say.

/** A place in the policy text. `offset` is the 0-based UTF-16 index into the text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Escapes one reference token (RFC 6901 §3: `~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Appends a key or array index to a pointer. */
export function childPointer(parent: string, token: string | number): string {
  return `${parent}/${typeof token === 'number' ? String(token) : escapePointerToken(token)}`;
}

/**
 * Turns UTF-16 offsets into line/column positions. Offsets asked for in increasing order cost O(distance); a
 * smaller offset restarts from the nearest known line start, so the whole scan stays linear for the parser.
 */
export class PositionLocator {
  private offset = 0;
  private line = 1;
  private column = 1;

  constructor(private readonly text: string) {}

  locate(target: number): SourcePosition {
    const end = Math.max(0, Math.min(target, this.text.length));
    if (end < this.offset) this.restartBefore(end);
    const text = this.text;
    let { offset, line, column } = this;
    while (offset < end) {
      const code = text.charCodeAt(offset);
      if (code === 0x0a) {
        line += 1;
        column = 1;
      } else if (code === 0x0d) {
        // CRLF counts once: the LF that follows does the line break.
        if (text.charCodeAt(offset + 1) !== 0x0a) {
          line += 1;
          column = 1;
        }
      } else if (
        code >= 0xdc00 &&
        code <= 0xdfff &&
        offset > 0 &&
        isHighSurrogate(text.charCodeAt(offset - 1))
      ) {
        // second half of a surrogate pair: same column as the first half
      } else {
        column += 1;
      }
      offset += 1;
    }
    this.offset = offset;
    this.line = line;
    this.column = column;
    return { line, column: columnAt(text, offset, column), offset: end };
  }

  private restartBefore(target: number): void {
    // Walk back to the start of the line holding `target`, counting the line breaks crossed.
    let offset = this.offset;
    let line = this.line;
    while (offset > target) {
      offset -= 1;
      const code = this.text.charCodeAt(offset);
      if (code === 0x0a || (code === 0x0d && this.text.charCodeAt(offset + 1) !== 0x0a)) line -= 1;
    }
    while (offset > 0) {
      const previous = this.text.charCodeAt(offset - 1);
      if (previous === 0x0a || previous === 0x0d) break;
      offset -= 1;
    }
    this.offset = offset;
    this.line = line;
    this.column = 1;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

// A position that lands between the halves of a surrogate pair belongs to the pair's column.
function columnAt(text: string, offset: number, column: number): number {
  const code = text.charCodeAt(offset);
  if (
    code >= 0xdc00 &&
    code <= 0xdfff &&
    offset > 0 &&
    isHighSurrogate(text.charCodeAt(offset - 1))
  ) {
    return column - 1;
  }
  return column;
}
