// The one fetch wrapper: same-origin JSON, server errors as ApiError, responses checked against the contracts.
import { errorResponseSchema, type ErrorResponse } from '@arbiter/contracts';
import type { z } from 'zod';

type FieldError = NonNullable<ErrorResponse['errors']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    /** The raw error body, for endpoints that add fields (an import's `report`). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function apiRequest<S extends z.ZodType>(path: string, opts: RequestOptions, schema: S): Promise<z.output<S>>;
export async function apiRequest(path: string, opts: RequestOptions): Promise<void>;
export async function apiRequest(path: string, opts: RequestOptions, schema?: z.ZodType): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  if (!schema || res.status === 204) return undefined;
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError(res.status, 'CONTRACT_MISMATCH', `Unexpected response from ${path}`, errors);
  }
  return parsed.data;
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => undefined);
  const parsed = errorResponseSchema.safeParse(body);
  if (parsed.success) {
    const e = parsed.data;
    return new ApiError(res.status, e.code, e.message, e.errors ?? [], body);
  }
  return new ApiError(res.status, 'HTTP_ERROR', `${res.status} ${res.statusText || 'request failed'}`, [], body);
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

/** What a screen shows for any failure: one sentence plus the per-field list when the server gave one. */
export function errorView(err: unknown): { message: string; details: FieldError[] } {
  if (err instanceof ApiError) return { message: err.message, details: err.errors };
  return { message: err instanceof Error ? err.message : 'Something went wrong', details: [] };
}

/** Network failures and 5xx may succeed on retry; 4xx answers will not. */
export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status >= 500);
}
