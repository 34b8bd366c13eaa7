/**
 * Where signing in may send the user back to: a path of this app (`/projects/…`), never another origin
 * (`//evil.example`, `https://…`, `/\evil.example`), so a crafted login link cannot bounce a user off-site.
 */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/')) return undefined;
  if (value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}
