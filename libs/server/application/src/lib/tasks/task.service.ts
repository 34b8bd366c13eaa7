// The annotator's loop: next tasks (leases), submit (idempotent), skip, undo.
import { Injectable } from '@nestjs/common';
import { isItemId, isUuid, type Annotation, type AnnotatorQuality, type NextTasksResponse, type Project, type SubmitAnnotationRequest, type UndoResponse } from '@arbiter/contracts';
import { HoneypotRepository, TaskRepository } from '@arbiter/server/data-access';
import { AnalysisProducer } from '@arbiter/server/jobs';
import { AlRoundService } from '../active-learning/al-round.service';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, forbidden, invalid, notFound } from '../errors/arbiter.error';
import { ProjectEvents } from '../projects/project-events';
import { ProjectService } from '../projects/project.service';

function annotatorOf(principal: Principal): string {
  if (principal.kind !== 'user') throw forbidden('API keys cannot annotate; sign in as a user');
  return principal.userId;
}

@Injectable()
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectService,
    private readonly events: ProjectEvents,
    private readonly analysis: AnalysisProducer,
    private readonly honeypots: HoneypotRepository,
    private readonly alRounds: AlRoundService,
  ) {}

  /** Paused when, after enough gold checks, accuracy on them is under the project's minimum. */
  private static paused(project: Project, checks: { answered: number; correct: number }): boolean {
    return (
      project.minGoldAccuracy !== null &&
      checks.answered >= project.minGoldAnswers &&
      checks.correct / checks.answered < project.minGoldAccuracy
    );
  }

  /** After a change is committed: live counters now, agreement shortly (a queue outage must not undo the label). */
  private changed(projectId: string): void {
    this.events.countersChanged(projectId);
    this.analysis.afterChange(projectId);
  }

  private static pausedError(project: Project, checks: { answered: number; correct: number }): ArbiterError {
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    return new ArbiterError(
      ErrorCode.Paused,
      `You are paused: your accuracy on check items is ${pct(checks.correct / checks.answered)} (${checks.correct} of ` +
        `${checks.answered}), under this project's ${pct(project.minGoldAccuracy ?? 0)}. Read the guidelines again and ` +
        'ask a project owner to resume you.',
    );
  }

  /** The annotator's gold-check figures if they are paused, else null (no query where the project never pauses). */
  private async pausedChecks(project: Project, userId: string): Promise<{ answered: number; correct: number } | null> {
    if (project.minGoldAccuracy === null) return null;
    const checks = await this.honeypots.accuracy(project.id, userId);
    return TaskService.paused(project, checks) ? checks : null;
  }

  async next(projectId: string, principal: Principal, count: number): Promise<NextTasksResponse> {
    const userId = annotatorOf(principal);
    const project = await this.projects.get(projectId, 'annotator');
    const paused = await this.pausedChecks(project, userId);
    if (paused) throw TaskService.pausedError(project, paused);
    const tasks = await this.tasks.claim(projectId, userId, count, project.leaseSeconds, project.goldShare);
    const progress = await this.tasks.progress(projectId, userId);
    return { tasks, progress };
  }

  async submit(projectId: string, principal: Principal, req: SubmitAnnotationRequest): Promise<{ annotation: Annotation; replayed: boolean }> {
    const userId = annotatorOf(principal);
    const project = await this.projects.get(projectId, 'annotator');
    const k = project.labelSchema.labels.length;
    const labels = [...new Set(req.labels)].sort((a, b) => a - b);
    const bad = labels.find((l) => l >= k);
    if (bad !== undefined) throw invalid('labels', `label id ${bad} is not in this project (0..${k - 1})`);
    if (project.labelSchema.kind === 'single' && labels.length !== 1) {
      throw invalid('labels', 'a single-label project takes exactly one label');
    }
    // A paused annotator may still finish what they hold under a live lease (their work in hand is kept), nothing else.
    const paused = await this.pausedChecks(project, userId);
    const out = await this.tasks.submit(projectId, userId, req.itemId, labels, req.idempotencyKey, paused !== null);
    switch (out.kind) {
      case 'created':
        this.changed(projectId);
        this.alRounds.afterLabels(projectId);
        return { annotation: out.annotation, replayed: false };
      case 'replayed':
        return { annotation: out.annotation, replayed: true };
      case 'checked':
        // Not an annotation, but it moves the annotator's running accuracy that owners watch.
        this.events.countersChanged(projectId);
        return { annotation: out.annotation, replayed: false };
      case 'item-not-found':
        throw notFound('item');
      case 'key-reused':
        throw new ArbiterError(ErrorCode.IdempotencyKeyReused, `this idempotency key was already used for item ${out.itemId}; use a new key per submission`);
      case 'already-labeled':
        throw new ArbiterError(ErrorCode.Conflict, 'you have already labeled this item');
      case 'paused':
        throw TaskService.pausedError(project, paused ?? { answered: 0, correct: 0 });
      case 'not-served':
        throw new ArbiterError(ErrorCode.NotServed, 'this item was never served to you: label the items tasks/next gives you');
      case 'lease-lost':
        throw new ArbiterError(
          ErrorCode.LeaseLost,
          'your lease on this item expired and other annotators are labeling it now; this label was not stored',
        );
      case 'completed-elsewhere':
        throw new ArbiterError(
          ErrorCode.ItemCompletedElsewhere,
          'your lease on this item expired and other annotators have since completed it; this label was not stored',
        );
    }
  }

  async skip(projectId: string, principal: Principal, itemId: string): Promise<void> {
    const userId = annotatorOf(principal);
    if (!isItemId(itemId) || !(await this.tasks.skip(projectId, userId, itemId))) throw notFound('item');
  }

  async undo(projectId: string, principal: Principal): Promise<UndoResponse> {
    const userId = annotatorOf(principal);
    const project = await this.projects.get(projectId, 'annotator');
    const out = await this.tasks.undoLast(projectId, userId, project.leaseSeconds, project.undoWindowSeconds);
    switch (out.kind) {
      case 'nothing':
        throw new ArbiterError(ErrorCode.NotFound, 'nothing to undo');
      case 'window-passed':
        throw new ArbiterError(
          ErrorCode.UndoWindowPassed,
          `your last label (submitted ${out.submittedAt}) is older than this project's undo window of ${project.undoWindowSeconds} s`,
        );
      case 'adjudicated':
        throw new ArbiterError(ErrorCode.ItemAdjudicated, `a reviewer has decided item ${out.itemId}; its labels can no longer be undone`);
      case 'undone':
        this.changed(projectId);
        return { undone: out.undone, task: out.task };
    }
  }

  /** Owners see each member's output and running accuracy on gold checks. */
  async annotators(projectId: string): Promise<AnnotatorQuality[]> {
    const project = await this.projects.get(projectId, 'owner');
    const rows = await this.honeypots.quality(projectId);
    return rows.map((r) => ({ ...r, paused: TaskService.paused(project, r.checks) }));
  }

  async resume(projectId: string, userId: string): Promise<void> {
    if (!isUuid(userId) || !(await this.honeypots.resume(projectId, userId))) throw notFound('member');
  }
}
