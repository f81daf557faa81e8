import type { ServerResponse } from 'node:http';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, NotFoundException } from '@nestjs/common';

/**
 * Answers a path no subgraph route serves with the suite's error shape (docs/errors.md), as the gateway does:
 * `404 { "errors": [{ "message": "not found", "extensions": { "code": "NotFound", … } }] }` instead of Nest's own
 * body, which names the framework and echoes the path. Only HTTP requests: anything else keeps its exception.
 */
@Catch(NotFoundException)
export class NotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const body = JSON.stringify({
      errors: [
        {
          message: 'not found',
          extensions: { code: 'NotFound', category: 'NOT_FOUND', status: 404 },
        },
      ],
    });
    res.writeHead(404, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }
}
