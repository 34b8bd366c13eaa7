// The one place errors become HTTP answers: typed domain codes by an exhaustive switch, validation failures as
// { message, errors: [{ path, message }] }, anything unknown as a bare 500 with a correlation id in the log.
import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import type { ErrorResponse } from '@arbiter/contracts';
import { ArbiterError, ErrorCode } from '@arbiter/server/application';
import { isDatabaseTimeout, isDatabaseUnavailable } from '@arbiter/server/data-access';
import { QueueUnavailableError } from '@arbiter/server/jobs';

/** Seconds a client is asked to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 2;

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.Paused:
    case ErrorCode.NotServed:
    case ErrorCode.SelfReview:
    case ErrorCode.CrossOrigin:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Validation:
    case ErrorCode.BadFile:
      return 400;
    case ErrorCode.Conflict:
    case ErrorCode.ItemCompletedElsewhere:
    case ErrorCode.NotLeased:
    case ErrorCode.IdempotencyKeyReused:
    case ErrorCode.LeaseLost:
    case ErrorCode.UndoWindowPassed:
    case ErrorCode.ItemAdjudicated:
    case ErrorCode.LastOwner:
    case ErrorCode.AlRoundInFlight:
      return 409;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.ImportRejected:
      return 422;
    case ErrorCode.UploadTimeout:
      return 408;
    case ErrorCode.UploadTooLarge:
      return 413;
    case ErrorCode.DatabaseBusy:
    case ErrorCode.Unavailable:
      return 503;
    case ErrorCode.LfBusy:
    case ErrorCode.Overloaded:
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
    if (exception instanceof ArbiterError && exception.retryAfterSeconds !== undefined) {
      void reply.header('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    // The client may still be sending the body it was refused for: close rather than read the rest of it.
    if (body.statusCode === 408 || body.statusCode === 413) void reply.header('connection', 'close');
    if (body.statusCode === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorResponse & Record<string, unknown> {
    // A lost database or queue connection: whether or not the write landed, a retry with the same idempotency key is safe.
    if (isDatabaseUnavailable(exception) || exception instanceof QueueUnavailableError) {
      const what = exception instanceof QueueUnavailableError ? 'the queue' : 'the database';
      this.logger.warn(`answered 503: ${what} is unreachable (${(exception as Error).message})`);
      exception = new ArbiterError(ErrorCode.Unavailable, `${what} is unreachable; retry shortly`);
    }
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
    if (isDatabaseTimeout(exception)) {
      this.logger.warn(`database busy: ${(exception as Error).message}`);
      return { statusCode: 503, code: ErrorCode.DatabaseBusy, message: 'the database is busy; try again shortly' };
    }
    const correlationId = randomUUID();
    this.logger.error(`unhandled error ${correlationId}: ${(exception as Error)?.stack ?? exception}`);
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error', correlationId };
  }
}
