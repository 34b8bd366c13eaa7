// Cross-site request forgery and cross-site WebSocket hijacking: a browser request that changes state (or opens
// a socket) must come from a page of our own origin or a trusted one. Browsers say where a request comes from in
// Sec-Fetch-Site (all current ones) or Origin; a request with neither is not from a browser page (curl, the SDK)
// and is let through, as Go's CrossOriginProtection does. Requests with `Authorization: Bearer` need no check:
// a page of another origin cannot send that header without a CORS preflight, which the api never grants.

export interface OriginHeaders {
  secFetchSite?: string;
  origin?: string;
  /** The Host the request was sent to (or X-Forwarded-Host behind a trusted proxy). */
  host?: string;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Whether a browser sent this request from a page of another, untrusted origin. */
export function isCrossOrigin(h: OriginHeaders, trustedOrigins: readonly string[]): boolean {
  const origin = h.origin && h.origin !== 'null' ? h.origin : undefined;
  if (origin && trustedOrigins.includes(origin.replace(/\/+$/, ''))) return false;
  if (h.secFetchSite) return h.secFetchSite !== 'same-origin' && h.secFetchSite !== 'none';
  if (h.origin === 'null') return true;
  if (!origin) return false;
  return hostOf(origin) !== (h.host ?? '').toLowerCase();
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the headers of a Node/Fastify request. */
export function originHeaders(headers: Record<string, string | string[] | undefined>, trustProxy: boolean): OriginHeaders {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const forwarded = trustProxy ? one('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return { secFetchSite: one('sec-fetch-site'), origin: one('origin'), host: forwarded || one('host') };
}

export function needsOriginCheck(method: string, headers: Record<string, string | string[] | undefined>): boolean {
  const auth = headers['authorization'];
  return !SAFE_METHODS.has(method.toUpperCase()) && !(typeof auth === 'string' && auth.startsWith('Bearer '));
}
