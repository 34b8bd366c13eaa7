import type { FastifyRequest } from 'fastify';
import type { Role } from '@arbiter/contracts';
import type { Principal } from '@arbiter/server/application';

export const SESSION_COOKIE = 'arbiter_session';

/** What the guards attach to a request. */
export interface ArbiterRequest extends FastifyRequest {
  principal?: Principal;
  sessionToken?: string;
  project?: { id: string; role: Role };
}

/** The credential on a request: `Authorization: Bearer <api key or session token>`, else the session cookie. */
export function credentialOf(req: { headers: Record<string, string | string[] | undefined>; cookies?: Record<string, string | undefined> }, cookieValue?: string) {
  const auth = req.headers['authorization'];
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieValue ?? req.cookies?.[SESSION_COOKIE];
}
