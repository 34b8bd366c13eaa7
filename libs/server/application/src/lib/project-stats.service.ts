// Dashboard counts from maintained counters (never a scan of items or annotations).
import { Injectable } from '@nestjs/common';
import type { ProjectStats } from '@arbiter/contracts';
import { CounterRepository, ProjectRepository } from '@arbiter/server/data-access';
import { notFound } from './errors/arbiter.error';

@Injectable()
export class ProjectStatsService {
  constructor(
    private readonly counters: CounterRepository,
    private readonly projects: ProjectRepository,
  ) {}

  recount(projectId: string): Promise<void> {
    return this.counters.recount(projectId);
  }

  async stats(projectId: string): Promise<ProjectStats> {
    const project = await this.projects.get(projectId, 'annotator');
    if (!project) throw notFound('project');
    const rows = await this.counters.readNamed(projectId);
    const byStatus = { new: 0, in_progress: 0, completed: 0 };
    const byAnnotator: ProjectStats['byAnnotator'] = [];
    const labelCounts = new Map<number, number>();
    for (const r of rows) {
      if (r.dimension === 'status' && r.key in byStatus) byStatus[r.key as keyof typeof byStatus] = r.value;
      else if (r.dimension === 'annotator') byAnnotator.push({ userId: r.key, name: r.name ?? r.key, count: r.value });
      else if (r.dimension === 'label') labelCounts.set(Number(r.key), r.value);
    }
    const byLabel = project.labelSchema.labels.map((l, i) => ({ label: i, name: l.name, count: labelCounts.get(i) ?? 0 }));
    return {
      items: byStatus.new + byStatus.in_progress + byStatus.completed,
      byStatus,
      annotations: byAnnotator.reduce((s, a) => s + a.count, 0),
      byAnnotator: byAnnotator.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      byLabel,
    };
  }
}
