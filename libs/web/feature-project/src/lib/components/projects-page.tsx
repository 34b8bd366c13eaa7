import type { Project } from '@arbiter/contracts';
import { errorView, useProjects } from '@arbiter/web/data-access';
import { AppLink, ErrorMessage } from '@arbiter/web/ui';
import { useState } from 'react';
import { CreateProjectForm } from './create-project-form';

export interface ProjectsPageProps {
  projectHref: (projectId: string) => string;
  onProjectCreated: (project: Project) => void;
}

export function ProjectsPage({ projectHref, onProjectCreated }: ProjectsPageProps) {
  const projects = useProjects();
  const [creating, setCreating] = useState(false);

  return (
    <main className="page">
      <header className="page__header">
        <h1>Projects</h1>
        {!creating && (
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)} data-testid="new-project">
            New project
          </button>
        )}
      </header>
      {creating && <CreateProjectForm onCreated={onProjectCreated} onCancel={() => setCreating(false)} />}
      {projects.isPending && <p className="muted">Loading projects…</p>}
      {projects.isError && <ErrorMessage {...errorView(projects.error)} />}
      {projects.data?.length === 0 && !creating && <p className="empty">No projects yet. Create one to start labeling.</p>}
      {projects.data && projects.data.length > 0 && (
        <ul className="project-list" data-testid="project-list">
          {projects.data.map((p) => (
            <li key={p.id} className="card project-list__item">
              <AppLink href={projectHref(p.id)} className="project-list__name">
                {p.name}
              </AppLink>
              <span className="badge">{p.myRole}</span>
              <span className="muted">
                {p.labelSchema.labels.length} labels · {p.labelSchema.kind === 'single' ? 'single-label' : 'multi-label'} ·
                overlap {p.overlap}
              </span>
              {p.description && <p>{p.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
