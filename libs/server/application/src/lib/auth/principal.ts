import type { Role } from '@arbiter/contracts';

/** Who is calling: a signed-in user, or a project-scoped API key. */
export type Principal =
  | { kind: 'user'; userId: string; email: string; name: string; isAdmin: boolean }
  | { kind: 'apiKey'; keyId: string; projectId: string; role: Role; expiresAt: Date | null };
