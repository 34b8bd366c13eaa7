// The one place errors become HTTP answers: typed domain codes by an exhaustive switch, validation failures as
// { message, errors: [{ path, message }] }, anything unknown as a bare 500 with a correlation id in the log.
import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import type { ErrorResponse } from '@arbiter/contracts';
import { ArbiterError, ErrorCode } from '@arbiter/server/application';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.Paused:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Validation:
    case ErrorCode.BadFile:
      return 400;
    case ErrorCode.Conflict:
    case ErrorCode.ItemCompletedElsewhere:
    case ErrorCode.NotLeased:
      return 409;
    case ErrorCode.ImportRejected:
      return 422;
    case ErrorCode.LfBusy:
      return 429;
  }
}

function zodErrors(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (reply.sent) return;
    // An error that says when to come back (LF_BUSY) says it the standard way too.
    if (typeof body['retryAfterSeconds'] === 'number') void reply.header('retry-after', String(body['retryAfterSeconds']));
    void reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorResponse & Record<string, unknown> {
    if (exception instanceof ArbiterError) {
      return { statusCode: statusOf(exception.code), code: exception.code, message: exception.message, errors: exception.errors, ...exception.details };
    }
    if (exception instanceof ZodValidationException) {
      const errors = zodErrors(exception.getZodError() as ZodError);
      return { statusCode: 400, code: ErrorCode.Validation, message: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { statusCode: status, code: status === 404 ? ErrorCode.NotFound : `HTTP_${status}`, message: exception.message };
    }
    // Fastify's own errors (bad JSON, body too large, unsupported media type) carry a 4xx statusCode.
    const e = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return { statusCode: e.statusCode, code: e.code ?? `HTTP_${e.statusCode}`, message: e.message ?? 'bad request' };
    }
    const correlationId = randomUUID();
    this.logger.error(`unhandled error ${correlationId}: ${(exception as Error)?.stack ?? exception}`);
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error', correlationId };
  }
}
