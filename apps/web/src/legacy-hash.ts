/**
 * The path an old hash-router link names (`/#/projects/<id>/lfs` → `/projects/<id>/lfs`), so bookmarks made before
 * the UI had real paths still open their screen; null when the hash is not such a link.
 */
export function pathFromLegacyHash(hash: string): string | null {
  return hash.startsWith('#/') ? hash.slice(1) : null;
}
