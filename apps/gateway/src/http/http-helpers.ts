import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** A client's `x-request-id` when it is safe to log and forward, else a fresh UUID (one rule for every service). */
export { acceptRequestId } from '@iam/service-kit';

/** The peer address, with IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) shown as IPv4. */
export function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** Whether the request arrived over TLS terminated by this process. */
export function isSecureTransport(req: IncomingMessage): boolean {
  return (req.socket as Partial<TLSSocket>).encrypted === true;
}

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** The error category (docs/errors.md) of an HTTP refusal status. */
function categoryOfStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_USER_INPUT';
}

/**
 * A GraphQL-shaped error answer (`{ errors: [{ message, extensions: { code, category, status } }] }`); `code` is
 * one of docs/errors.md and `status` the HTTP status of the answer.
 */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const extensions = { code, category: categoryOfStatus(status), status };
  sendJson(res, status, { errors: [{ message, extensions }] }, headers);
}

/** The outcome of reading a request body under a size limit. */
export type BodyReadResult =
  | { readonly kind: 'ok'; readonly body: Buffer }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/**
 * Reads a request body, giving up as soon as it exceeds `maxBytes`: a declared `content-length` over the limit is
 * refused before reading, and a chunked body is counted while it streams, so an oversized body is never buffered.
 */
export function readBodyWithLimit(req: IncomingMessage, maxBytes: number): Promise<BodyReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyReadResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop buffering; the caller answers 413 and closes the connection.
        req.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', body: Buffer.concat(chunks, received) });
    const onError = () => finish({ kind: 'aborted' });
    const onClose = () =>
      finish(
        req.complete ? { kind: 'ok', body: Buffer.concat(chunks, received) } : { kind: 'aborted' },
      );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
