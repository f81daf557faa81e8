import { describe, expect, it } from 'vitest';
import { childPointer, escapePointerToken, PositionLocator } from './json-pointer-map.js';

describe(escapePointerToken.name, () => {
  it.each([
    ['plain', 'plain'],
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~/', '~0~1'],
    ['', ''],
  ])('escapes %j as %j', (token, expected) => {
    expect(escapePointerToken(token)).toBe(expected);
  });

  it('builds child pointers for keys and indexes', () => {
    expect(childPointer(childPointer('', 'Statement'), 0)).toBe('/Statement/0');
  });
});

describe(PositionLocator.name, () => {
  it('handles LF, CRLF, lone CR and surrogate pairs, in any order of offsets', () => {
    const text = 'a\nb\r\nc\rd😀e';
    const locator = new PositionLocator(text);
    const at = (offset: number) => {
      const { line, column } = locator.locate(offset);
      return [line, column];
    };
    expect(at(text.indexOf('e'))).toEqual([4, 3]);
    expect(at(0)).toEqual([1, 1]);
    expect(at(text.indexOf('c'))).toEqual([3, 1]);
    expect(at(text.indexOf('d'))).toEqual([4, 1]);
    expect(at(text.indexOf('😀') + 1)).toEqual([4, 2]);
    expect(at(text.indexOf('b'))).toEqual([2, 1]);
    expect(at(text.length + 10)).toEqual([4, 4]);
  });
});
