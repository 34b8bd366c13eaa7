// Brute-force limits on credentials: failed sign-ins per account and failed credentials (passwords, API keys,
// tokens) per address, counted by @fastify/rate-limit in Redis when the queues use it (so every api instance
// shares the counts; the api's QuickRedis client, which fails at once during an outage: then nothing is counted
// rather than everyone locked out), else in memory. Only failures count; once a limit is reached the answer is 429
// with Retry-After until its window ends, even for the right password.
import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { catchError, from, Observable, switchMap } from 'rxjs';
import { ArbiterError, ErrorCode } from '@arbiter/server/application';
import type { AppConfig } from '@arbiter/server/config';
import { APP_CONFIG } from '../config.token';
import { QuickRedis } from '../redis/quick-redis';

type Limiter = (req: FastifyRequest, opts?: { increment?: boolean }) => Promise<{ remaining: number; ttlInSeconds: number }>;

const emailOf = (req: FastifyRequest) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

@Injectable()
export class AuthThrottle {
  private readonly logger = new Logger('AuthThrottle');
  private account?: Limiter;
  private address?: Limiter;
  // Addresses with a failed credential in this process, until their window ends.
  private readonly recentFailures = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly quickRedis: QuickRedis,
  ) {}

  /** Registers the limiter plugin on the server (before it listens). */
  async register(fastify: FastifyInstance): Promise<void> {
    const c = this.config;
    const redis = this.quickRedis.client;
    await fastify.register(fastifyRateLimit, {
      global: false,
      // A store outage must not lock everyone out.
      skipOnError: true,
      ...(redis ? { redis, nameSpace: `${c.QUEUE_PREFIX}:rate-limit:` } : {}),
    });
    const window = c.AUTH_FAILURE_WINDOW_SECONDS * 1000;
    const create = (fastify as unknown as { createRateLimit(o: object): Limiter }).createRateLimit.bind(fastify);
    this.account = create({ max: c.LOGIN_FAILURES_PER_ACCOUNT, timeWindow: window, keyGenerator: (req: FastifyRequest) => `account:${emailOf(req)}` });
    this.address = create({ max: c.AUTH_FAILURES_PER_ADDRESS, timeWindow: window, keyGenerator: (req: FastifyRequest) => `address:${req.ip}` });
  }

  /** Before a sign-in: refuses while the account or the address is over its limit. */
  refuseSignIn(req: FastifyRequest): Promise<void> {
    return this.check(req, true);
  }

  /** A failed sign-in: counts against the account and the address. */
  async signInFailed(req: FastifyRequest): Promise<void> {
    await this.count(req, true);
  }

  /**
   * For any credential (API key or token): refuse while the address is over its limit. Only addresses that failed
   * here within the window are looked up, so good traffic costs no store round trip.
   */
  async refuseIfLimited(req: FastifyRequest): Promise<void> {
    const until = this.recentFailures.get(req.ip);
    if (until === undefined) return;
    if (until < Date.now()) {
      this.recentFailures.delete(req.ip);
      return;
    }
    await this.check(req, false);
  }

  /** A credential that did not authenticate: counts against the address. */
  async failed(req: FastifyRequest): Promise<void> {
    await this.count(req, false);
  }

  private async check(req: FastifyRequest, login: boolean): Promise<void> {
    const limits = [this.address, ...(login && emailOf(req) ? [this.account] : [])];
    for (const limiter of limits) {
      if (!limiter) continue;
      const state = await limiter(req, { increment: false });
      if (state.remaining === 0) {
        throw new ArbiterError(
          ErrorCode.RateLimited,
          `too many failed sign-ins or bad credentials; try again in ${state.ttlInSeconds} s`,
        ).retryAfter(state.ttlInSeconds);
      }
    }
  }

  private async count(req: FastifyRequest, login: boolean): Promise<void> {
    if (this.recentFailures.size > 100_000) this.recentFailures.clear();
    this.recentFailures.set(req.ip, Date.now() + this.config.AUTH_FAILURE_WINDOW_SECONDS * 1000);
    // Logged once, when a limit is reached (not for every refused attempt after it).
    const reached = (state: { remaining: number; ttlInSeconds: number } | undefined, what: Record<string, string>) => {
      if (state?.remaining === 0) this.logger.warn(`${JSON.stringify(what)} reached its limit of failed credentials for ${state.ttlInSeconds} s`);
    };
    reached(await this.address?.(req), { address: req.ip });
    if (login && emailOf(req)) reached(await this.account?.(req), { account: emailOf(req) });
  }
}

/** On the login route: refuse while a limit is reached; count a failed sign-in against the account and the address. */
@Injectable()
export class LoginThrottle implements NestInterceptor {
  constructor(private readonly throttle: AuthThrottle) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    return from(this.throttle.refuseSignIn(req)).pipe(
      switchMap(() => next.handle()),
      catchError((err: unknown) =>
        from(
          (async () => {
            if (err instanceof ArbiterError && err.code === ErrorCode.Unauthenticated) await this.throttle.signInFailed(req);
            throw err;
          })(),
        ),
      ),
    );
  }
}
