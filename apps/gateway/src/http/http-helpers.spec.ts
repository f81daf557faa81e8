import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { acceptRequestId, readBodyWithLimit } from './http-helpers.js';

function fakeRequest(
  headers: Record<string, string> = {},
): PassThrough & { headers: Record<string, string> } {
  return Object.assign(new PassThrough(), { headers, complete: false });
}

describe('acceptRequestId', () => {
  it.each([
    { title: 'a well-formed id', value: 'abc.DEF_123-x', kept: true },
    { title: '64 characters', value: 'a'.repeat(64), kept: true },
    { title: '65 characters', value: 'a'.repeat(65), kept: false },
    { title: 'a space', value: 'a b', kept: false },
    { title: 'an empty value', value: '', kept: false },
    { title: 'a repeated header', value: ['a', 'b'], kept: false },
  ])('handles $title', ({ value, kept }) => {
    const id = acceptRequestId(value);
    if (kept) expect(id).toBe(value);
    else
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('readBodyWithLimit', () => {
  it('refuses a declared content-length over the limit without reading', async () => {
    const req = fakeRequest({ 'content-length': '11' });
    expect(await readBodyWithLimit(req as unknown as IncomingMessage, 10)).toEqual({
      kind: 'too-large',
    });
  });

  it('stops at the first chunk that passes the limit, before the body ends', async () => {
    const req = fakeRequest();
    const result = readBodyWithLimit(req as unknown as IncomingMessage, 10);
    req.write(Buffer.alloc(6));
    req.write(Buffer.alloc(6));
    // The stream never ends: the verdict must not wait for it.
    expect(await result).toEqual({ kind: 'too-large' });
  });

  it('returns a body of exactly the limit', async () => {
    const req = fakeRequest();
    const result = readBodyWithLimit(req as unknown as IncomingMessage, 10);
    req.end(Buffer.from('0123456789'));
    const read = await result;
    expect(read.kind).toBe('ok');
    expect(read.kind === 'ok' && read.body.toString()).toBe('0123456789');
  });
});
