// Labeling functions as engineers use them: create, edit (a new definition is a new version), enable or
// disable, try on a sample before saving (within a time budget, a few at a time per project), and read the
// analysis table, the latest run and the weak labels.
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  isUuid,
  type CreateLfRequest,
  type LabelModelSummary,
  type Lf,
  type LfDefinitionDto,
  type LfListResponse,
  type LfPreviewRequest,
  type LfPreviewResponse,
  type LfRun,
  type LfStats,
  type LfVersion,
  type Project,
  type UpdateLfRequest,
  type WeakLabelPage,
  type WeakLabelsQuery,
} from '@arbiter/contracts';
import { LfDefinitionError } from '@arbiter/domain/lf';
import { LfRepository, ModelScoresGoneError, type LabelModelRow, type LfRow, type LfRunRow, type LfVersionRow } from '@arbiter/server/data-access';
import { LfProducer } from '@arbiter/server/jobs';
import { CodeLfError } from '@arbiter/server/sandbox';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, invalid, notFound } from '../errors/arbiter.error';
import { ProjectService } from '../projects/project.service';
import { LfEvaluator } from './lf-evaluator';
import { modelVersionsOf, withModelScores } from './model-scores';
import { DEFAULT_LF_PREVIEW_OPTIONS, LF_PREVIEW_OPTIONS, LfPreviewGate, type LfPreviewOptions } from './lf-preview-gate';
import type { StoredAnalysis } from './lf-run.service';

const EXAMPLES = 8;
const EXAMPLE_TEXT = 280;

@Injectable()
export class LfService {
  private readonly previewOptions: LfPreviewOptions;
  private readonly gate: LfPreviewGate;

  constructor(
    private readonly lfs: LfRepository,
    private readonly projects: ProjectService,
    private readonly producer: LfProducer,
    private readonly evaluator: LfEvaluator,
    @Optional() @Inject(LF_PREVIEW_OPTIONS) options?: LfPreviewOptions,
  ) {
    this.previewOptions = options ?? DEFAULT_LF_PREVIEW_OPTIONS;
    this.gate = new LfPreviewGate(this.previewOptions);
  }

  async list(projectId: string): Promise<LfListResponse> {
    await this.project(projectId, 'reviewer');
    const [rows, model, run, maxItem] = await Promise.all([
      this.lfs.list(projectId),
      this.lfs.latestLabelModel(projectId),
      this.lfs.latestRun(projectId),
      this.lfs.maxItemId(projectId),
    ]);
    const stats = statsByVersion(model);
    return {
      lfs: rows.map((r) => toLf(r, stats.get(r.current.id) ?? null, maxItem)),
      labelModel: model ? toSummary(model) : null,
      run: run ? toRun(run) : null,
    };
  }

  async get(projectId: string, lfId: string): Promise<Lf> {
    if (!isUuid(lfId)) throw notFound('labeling function');
    const [row] = await this.lfs.list(projectId, lfId);
    if (!row) throw notFound('labeling function');
    const [model, maxItem] = await Promise.all([this.lfs.latestLabelModel(projectId), this.lfs.maxItemId(projectId)]);
    return toLf(row, statsByVersion(model).get(row.current.id) ?? null, maxItem);
  }

  async create(projectId: string, req: CreateLfRequest & { definition: LfDefinitionDto }, principal: Principal): Promise<Lf> {
    const project = await this.project(projectId, 'engineer');
    await this.gatedCheck(project, req.definition);
    const id = await this.unique(() =>
      this.lfs.create(
        projectId,
        { name: req.name, description: req.description ?? '', enabled: req.enabled ?? true, kind: req.definition.kind, definition: req.definition },
        authorOf(principal),
      ),
    );
    this.producer.afterChange(projectId);
    return this.get(projectId, id);
  }

  async update(projectId: string, lfId: string, req: UpdateLfRequest & { definition?: LfDefinitionDto }, principal: Principal): Promise<Lf> {
    const project = await this.project(projectId, 'engineer');
    if (!isUuid(lfId)) throw notFound('labeling function');
    if (req.definition) await this.gatedCheck(project, req.definition);
    const found = await this.unique(() =>
      this.lfs.update(
        projectId,
        lfId,
        { name: req.name, description: req.description, enabled: req.enabled, kind: req.definition?.kind, definition: req.definition },
        authorOf(principal),
      ),
    );
    if (!found) throw notFound('labeling function');
    this.producer.afterChange(projectId);
    return this.get(projectId, lfId);
  }

  async versions(projectId: string, lfId: string): Promise<LfVersion[]> {
    await this.project(projectId, 'reviewer');
    if (!isUuid(lfId)) throw notFound('labeling function');
    const rows = await this.lfs.versions(projectId, lfId);
    if (!rows.length) throw notFound('labeling function');
    return rows.map(toVersion);
  }

  /** Runs now if anything awaits votes (runs also start by themselves after changes). */
  async requestRun(projectId: string): Promise<{ run: LfRun | null }> {
    await this.project(projectId, 'engineer');
    await this.producer.schedule(projectId);
    const run = await this.lfs.latestRun(projectId);
    return { run: run ? toRun(run) : null };
  }

  /**
   * An unsaved definition on a sample of the project: its votes, coverage, overlaps and conflicts with the
   * enabled LFs' stored votes, and its accuracy on the sample's gold items (gold items are sampled first).
   * Past the time budget it answers for the items evaluated so far, saying so (`partial`); a project with
   * its previews and checks all in flight is answered LF_BUSY (429) at once.
   */
  async preview(projectId: string, req: LfPreviewRequest & { definition: LfDefinitionDto; sampleSize: number }): Promise<LfPreviewResponse> {
    const started = performance.now();
    const deadline = Date.now() + this.previewOptions.budgetMs;
    const project = await this.project(projectId, 'engineer');
    return this.gate.run(projectId, () => this.previewNow(project, req, started, deadline));
  }

  private async previewNow(
    project: Project,
    req: LfPreviewRequest & { definition: LfDefinitionDto; sampleSize: number },
    started: number,
    deadline: number,
  ): Promise<LfPreviewResponse> {
    const projectId = project.id;
    await this.check(project, req.definition);
    const k = project.labelSchema.labels.length;
    const [sampled, enabled] = await Promise.all([this.lfs.sample(projectId, req.sampleSize), this.lfs.activeVersions(projectId)]);
    const drawn = await withModelScores(this.lfs, projectId, modelVersionsOf([req.definition]), sampled);
    // An LF being edited is compared with the others, not with its own saved version.
    const active = enabled.filter((v) => v.lfId !== req.lfId);
    const outcome = await this.evaluator.evaluate(req.definition, drawn, k, { tenant: projectId, deadline });
    const votes = outcome.votes;
    // Past the budget the figures cover the items evaluated before it.
    const partial = outcome.error === null && outcome.evaluated < drawn.length;
    const items = partial ? drawn.slice(0, outcome.evaluated) : drawn;

    // The other enabled LFs' stored votes on the sampled items, for overlaps and conflicts.
    const others = new Map<string, number[]>();
    const labeledIds = items.filter((_, i) => votes[i] >= 0).map((it) => it.id);
    for (const v of await this.lfs.votesOn(labeledIds, active.map((a) => a.id))) {
      const list = others.get(v.itemId) ?? [];
      list.push(v.vote);
      others.set(v.itemId, list);
    }

    const counts = new Map<number, number>();
    let labeled = 0;
    let overlapped = 0;
    let conflicted = 0;
    const gold = { items: 0, correct: 0, incorrect: 0 };
    const examples: LfPreviewResponse['examples'] = [];
    items.forEach((item, i) => {
      const g = item.gold?.length === 1 ? item.gold[0] : null;
      if (g !== null) gold.items++;
      const v = votes[i];
      if (v < 0) return;
      labeled++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      const neighbours = others.get(item.id) ?? [];
      if (neighbours.length) overlapped++;
      if (neighbours.some((n) => n !== v)) conflicted++;
      if (g !== null) {
        if (g === v) gold.correct++;
        else gold.incorrect++;
      }
      if (examples.length < EXAMPLES) examples.push({ itemId: item.id, text: item.text.slice(0, EXAMPLE_TEXT), vote: v, gold: g });
    });
    const n = items.length;
    const share = (x: number) => (n ? x / n : null);
    const judged = gold.correct + gold.incorrect;
    return {
      sampled: n,
      sampleSize: drawn.length,
      partial,
      partialReason: partial ? this.budgetReason(n, drawn.length) : null,
      votes: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([label, count]) => ({ label, count })),
      coverage: share(labeled),
      overlaps: share(overlapped),
      conflicts: share(conflicted),
      gold: { ...gold, accuracy: judged ? gold.correct / judged : null },
      examples,
      error: outcome.error,
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  async weakLabels(projectId: string, q: WeakLabelsQuery): Promise<WeakLabelPage> {
    await this.project(projectId, 'reviewer');
    const [model, rows] = await Promise.all([
      this.lfs.latestLabelModel(projectId),
      this.lfs.weakLabels(projectId, {
        minConfidence: q.minConfidence,
        conflict: q.conflict === undefined ? undefined : q.conflict === 'true',
        after: q.after ?? '0',
        limit: q.limit,
      }),
    ]);
    return {
      labelModel: model ? toSummary(model) : null,
      items: rows,
      nextAfter: rows.length === q.limit ? rows[rows.length - 1].itemId : null,
    };
  }

  private budgetReason(evaluated: number, drawn: number): string {
    const budget = this.previewOptions.budgetMs;
    const budgetText = budget % 1000 === 0 ? `${budget / 1000} s` : `${budget} ms`;
    return `the preview's time budget of ${budgetText} ran out after ${evaluated} of ${drawn} items; the figures cover those ${evaluated} items`;
  }

  private async project(projectId: string, role: 'reviewer' | 'engineer'): Promise<Project> {
    const project = await this.projects.get(projectId, role);
    if (project.labelSchema.kind !== 'single') {
      throw new ArbiterError(ErrorCode.Conflict, 'labeling functions need a single-label project: each LF votes for one label or abstains');
    }
    return project;
  }

  /** As check; a code LF's check runs in the sandbox, so it takes one of the project's evaluation slots. */
  private gatedCheck(project: Project, definition: LfDefinitionDto): Promise<void> {
    if (definition.kind !== 'code') return this.check(project, definition);
    return this.gate.run(project.id, () => this.check(project, definition));
  }

  /** 400 naming the field: a label outside the project's, a bad regex, code that does not parse (with its line). */
  private async check(project: Project, definition: LfDefinitionDto): Promise<void> {
    const k = project.labelSchema.labels.length;
    if ('label' in definition && definition.label !== undefined && definition.label >= k) {
      throw invalid('definition.label', `label ${definition.label} is not one of the project's labels 0..${k - 1}`);
    }
    if (definition.kind === 'model') {
      const votable = await this.lfs.votableModels(project.id);
      if (!votable.includes(definition.modelVersion)) throw noScores(definition.modelVersion, votable);
    }
    try {
      await this.evaluator.check(definition, project.id);
    } catch (err) {
      if (err instanceof LfDefinitionError) throw invalid(`definition.${err.path || 'kind'}`, err.message);
      if (err instanceof CodeLfError) {
        throw invalid('definition.source', err.line === undefined ? err.message : `line ${err.line}: ${err.message}`);
      }
      throw err;
    }
  }

  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      // The round that finished between the check and the save took the scores (the save re-checks under a lock).
      if (err instanceof ModelScoresGoneError) throw noScores(err.modelVersion, err.votable);
      if ((err as { code?: string }).code === '23505') {
        throw new ArbiterError(ErrorCode.Conflict, 'a labeling function with this name already exists in the project', [
          { path: 'name', message: 'already used in this project' },
        ]);
      }
      throw err;
    }
  }
}

/** 400 on `definition.modelVersion`: the version has no kept scores to vote from; names those that do. */
function noScores(modelVersion: number, votable: number[]): ArbiterError {
  const choice = votable.length
    ? `models with kept scores: ${votable.map((v) => `v${v}`).join(', ')}`
    : 'the project has no scored model yet: an active-learning round trains and scores one';
  return invalid('definition.modelVersion', `model v${modelVersion} has no scores to vote from (${choice})`);
}

function authorOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : null;
}

function statsByVersion(model: LabelModelRow | null): Map<string, LfStats> {
  const analysis = model?.analysis as StoredAnalysis | undefined;
  return new Map((analysis?.lfs ?? []).map((s) => [s.versionId, s.stats]));
}

function toVersion(v: LfVersionRow): LfVersion {
  return {
    id: v.id,
    version: v.version,
    kind: v.kind as LfVersion['kind'],
    definition: v.definition as LfDefinitionDto,
    author: { userId: v.authorId, name: v.authorName ?? (v.authorId ? 'former member' : 'API key') },
    createdAt: new Date(v.createdAt).toISOString(),
    error: v.errorMessage === null ? null : { message: v.errorMessage, itemId: v.errorItemId },
  };
}

function toLf(r: LfRow, stats: LfStats | null, maxItem: string): Lf {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    createdAt: new Date(r.createdAt).toISOString(),
    current: toVersion(r.current),
    stats,
    pending: r.enabled && r.current.errorMessage === null && BigInt(r.current.appliedThrough) < BigInt(maxItem),
  };
}

export function toRun(r: LfRunRow): LfRun {
  return {
    id: r.id,
    status: r.status,
    chunksTotal: r.chunksTotal,
    chunksDone: r.chunksDone,
    itemsTotal: r.itemsTotal,
    itemsDone: r.itemsDone,
    lfVersions: r.versionIds.length,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
    error: r.error,
  };
}

function toSummary(m: LabelModelRow): LabelModelSummary {
  const analysis = m.analysis as StoredAnalysis;
  return {
    id: m.id,
    chosen: m.chosen,
    reason: m.reason,
    classBalance: m.classBalance,
    validationAccuracy: m.validation,
    items: m.items,
    covered: m.covered,
    labelCoverage: analysis.labelCoverage,
    labelOverlap: analysis.labelOverlap,
    labelConflict: analysis.labelConflict,
    lfVersionIds: m.lfVersionIds,
    fittedAt: new Date(m.createdAt).toISOString(),
  };
}
