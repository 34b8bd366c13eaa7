// Hash routes: the API serves only index.html at `/`, so every screen lives after the `#`.
export type Route =
  | { name: 'login' }
  | { name: 'projects' }
  | { name: 'project'; projectId: string }
  | { name: 'annotate'; projectId: string }
  | { name: 'review'; projectId: string }
  | { name: 'lfs'; projectId: string };

export const paths = {
  login: () => '#/login',
  projects: () => '#/projects',
  project: (projectId: string) => `#/projects/${encodeURIComponent(projectId)}`,
  annotate: (projectId: string) => `#/projects/${encodeURIComponent(projectId)}/annotate`,
  review: (projectId: string) => `#/projects/${encodeURIComponent(projectId)}/review`,
  lfs: (projectId: string) => `#/projects/${encodeURIComponent(projectId)}/lfs`,
};

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'login' && parts.length === 1) return { name: 'login' };
  if (parts[0] === 'projects' && parts.length === 2) return { name: 'project', projectId: parts[1] };
  if (parts[0] === 'projects' && parts.length === 3 && parts[2] === 'annotate') return { name: 'annotate', projectId: parts[1] };
  if (parts[0] === 'projects' && parts.length === 3 && parts[2] === 'review') return { name: 'review', projectId: parts[1] };
  if (parts[0] === 'projects' && parts.length === 3 && parts[2] === 'lfs') return { name: 'lfs', projectId: parts[1] };
  return { name: 'projects' };
}
