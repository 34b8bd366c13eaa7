// Sends requests to the api with the bearer credential and turns non-2xx answers into ArbiterError.
import { ArbiterError, CLIENT_ERROR_CODE } from './arbiter-error';

export interface RetryOptions {
  /** Attempts after a broken download before giving up (reset whenever a retry makes progress). */
  attempts: number;
  /** First wait between attempts; doubled after each failure. */
  baseDelayMs: number;
}

export interface ArbiterClientOptions {
  /** The server's base address, e.g. `http://localhost:3000` (with or without a trailing `/api`). */
  url: string;
  /** An API key or a session token. */
  token: string;
  retry?: Partial<RetryOptions>;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class HttpTransport {
  readonly retry: RetryOptions;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ArbiterClientOptions) {
    const trimmed = options.url.replace(/\/+$/, '');
    this.base = trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
    this.retry = { attempts: options.retry?.attempts ?? 5, baseDelayMs: options.retry?.baseDelayMs ?? 500 };
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** A successful answer; the caller reads the body (a stream for downloads). */
  async send(method: string, path: string, o: RequestOptions = {}): Promise<Response> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    // No credential on the sign-in request itself.
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    let body = o.body;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    let response: Response;
    try {
      // A stream body needs half duplex (Node's fetch refuses it otherwise); harmless for the other kinds.
      response = await this.fetchImpl(url, { method, headers, body, signal: o.signal, duplex: 'half' } as RequestInit);
    } catch (error) {
      throw new ArbiterError(`${method} ${path}: cannot reach ${this.base} (${causeOf(error)})`, 0, CLIENT_ERROR_CODE.Network);
    }
    if (!response.ok) throw await ArbiterError.fromResponse(method, path, response);
    return response;
  }

  async json<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, o);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new ArbiterError(`${method} ${path}: the answer is not JSON (${causeOf(error)})`, response.status, CLIENT_ERROR_CODE.BadResponse);
    }
  }
}

export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const projectPath = (projectId: string) => `/projects/${encodeURIComponent(projectId)}`;
