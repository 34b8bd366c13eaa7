/** `/api/projects/:projectId[/rest]` with the id escaped: ids come from the URL hash. */
export function projectPath(projectId: string, rest = ''): string {
  return `/api/projects/${encodeURIComponent(projectId)}${rest}`;
}
