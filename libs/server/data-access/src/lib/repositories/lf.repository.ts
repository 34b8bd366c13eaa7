// Labeling functions and their versions, the runs that apply them chunk by chunk, the votes they cast, and the
// label models and weak labels fitted from those votes.
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { copyInto } from '../copy-into';
import { DATABASE_OPTIONS } from '../database-options.token';
import type { DatabaseOptions } from '../data-source';
import { Sql } from '../sql';
import { MODEL_SCORES_LOCK, ModelScoresGoneError, votableModelVersions } from './model-scores';

export interface LfVersionRow {
  id: string;
  lfId: string;
  version: number;
  kind: string;
  definition: unknown;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  appliedThrough: string;
  errorMessage: string | null;
  errorItemId: string | null;
}

export interface LfRow {
  id: string;
  projectId: string;
  name: string;
  description: string;
  enabled: boolean;
  createdAt: Date;
  current: LfVersionRow;
}

export interface LfRunRow {
  id: string;
  projectId: string;
  status: 'running' | 'completed' | 'failed';
  versionIds: string[];
  sinceIds: string[];
  throughId: string;
  chunksTotal: number;
  chunksDone: number;
  itemsTotal: number;
  itemsDone: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface LfChunkRow {
  chunk: number;
  fromId: string;
  toId: string;
  items: number;
  done: boolean;
}

export interface LfItemRow {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
  gold: number[] | null;
}

/** A stored fit: what was saved, with its id (the label-model version weak labels name) and date. */
export interface LabelModelRow extends NewLabelModel {
  id: string;
  createdAt: Date;
}

export interface NewLabelModel {
  runId: string | null;
  lfVersionIds: string[];
  chosen: 'generative' | 'majority';
  reason: string;
  classBalance: number[];
  lfAccuracies: number[];
  validation: { generative: number; majority: number; rows: number } | null;
  analysis: unknown;
  items: number;
  covered: number;
}

export interface WeakLabelInput {
  itemId: string;
  probabilities: number[];
  label: number;
  confidence: number;
  conflict: boolean;
  votes: number;
}

export interface WeakLabelRow extends WeakLabelInput {
  externalId: string | null;
  text: string;
}

/** Votes of one chunk: `votes[i * versionIds.length + j]` is version j's vote on itemIds[i] (-1 = abstain). */
export interface ChunkVotes {
  itemIds: string[];
  versionIds: string[];
  votes: Int8Array;
  /** Versions that failed on this chunk: none of their votes here are written. */
  errors: Map<string, { message: string; itemId: string | null }>;
}

export interface NewRun {
  run: LfRunRow;
  chunks: LfChunkRow[];
}

const VERSION_COLUMNS = `v.id::text AS id, v.lf_id AS "lfId", v.version, v.kind, v.definition, v.author_id AS "authorId",
  u.name AS "authorName", v.created_at AS "createdAt", v.applied_through::text AS "appliedThrough",
  v.error_message AS "errorMessage", v.error_item_id::text AS "errorItemId"`;

const RUN_COLUMNS = `r.id, r.project_id AS "projectId", r.status, r.version_ids::text[] AS "versionIds",
  r.since_ids::text[] AS "sinceIds", r.through_id::text AS "throughId", r.chunks_total AS "chunksTotal",
  r.chunks_done AS "chunksDone", r.items_total::float8 AS "itemsTotal", r.items_done::float8 AS "itemsDone",
  r.error, r.created_at AS "createdAt", r.finished_at AS "finishedAt"`;

const MODEL_COLUMNS = `m.id::text AS id, m.run_id AS "runId", m.lf_version_ids::text[] AS "lfVersionIds", m.chosen, m.reason,
  m.class_balance AS "classBalance", m.lf_accuracies AS "lfAccuracies", m.validation, m.analysis,
  m.items::float8 AS items, m.covered::float8 AS covered, m.created_at AS "createdAt"`;

// Imports of a project hold this lock shared until they commit; a run takes it exclusively to read the
// highest item id, so no item committed later can carry a lower id than one the run has seen.
const itemsLock = `SELECT pg_advisory_xact_lock(hashtextextended('arbiter-items:' || $1::text, 0))`;
export const SHARED_ITEMS_LOCK = `SELECT pg_advisory_xact_lock_shared(hashtextextended('arbiter-items:' || $1::text, 0))`;

const MATRIX_PAGE = 50_000;

function concat<T extends Int8Array | Int16Array>(Ctor: { new (n: number): T }, parts: T[]): T {
  const out = new Ctor(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type RawLf = Omit<LfRow, 'current'> & { current: Omit<LfVersionRow, 'createdAt'> & { createdAt: string } };

@Injectable()
export class LfRepository {
  constructor(
    private readonly sql: Sql,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  // ---- labeling functions and versions ----

  async create(
    projectId: string,
    lf: { name: string; description: string; enabled: boolean; kind: string; definition: unknown },
    authorId: string | null,
  ): Promise<string> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO labeling_functions (project_id, name, description, enabled, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [projectId, lf.name, lf.description, lf.enabled, authorId],
      );
      const id = rows[0].id;
      await this.addVersion(c, projectId, id, 1, lf.kind, lf.definition, authorId);
      return id;
    });
  }

  /** Applies a patch; a new definition becomes the next version. False when the LF is not in the project. */
  async update(
    projectId: string,
    lfId: string,
    patch: { name?: string; description?: string; enabled?: boolean; kind?: string; definition?: unknown },
    authorId: string | null,
  ): Promise<boolean> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ id: string; last: number }>(
        `SELECT f.id, (SELECT max(version) FROM lf_versions WHERE lf_id = f.id) AS last
           FROM labeling_functions f WHERE f.project_id = $1 AND f.id = $2 FOR UPDATE`,
        [projectId, lfId],
      );
      if (!rows.length) return false;
      await c.query(
        `UPDATE labeling_functions SET name = coalesce($2, name), description = coalesce($3, description),
           enabled = coalesce($4, enabled) WHERE id = $1`,
        [lfId, patch.name ?? null, patch.description ?? null, patch.enabled ?? null],
      );
      if (patch.definition !== undefined && patch.kind !== undefined) {
        await this.addVersion(c, projectId, lfId, rows[0].last + 1, patch.kind, patch.definition, authorId);
      }
      return true;
    });
  }

  private async addVersion(
    c: PoolClient,
    projectId: string,
    lfId: string,
    version: number,
    kind: string,
    definition: unknown,
    authorId: string | null,
  ): Promise<void> {
    if (kind === 'model') {
      const { modelVersion } = definition as { modelVersion: number };
      await c.query(MODEL_SCORES_LOCK, [projectId]);
      const votable = await votableModelVersions(c, projectId);
      if (!votable.includes(modelVersion)) throw new ModelScoresGoneError(modelVersion, votable);
    }
    await c.query(
      `WITH v AS (
         INSERT INTO lf_versions (lf_id, project_id, version, kind, definition, author_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)
       UPDATE labeling_functions SET current_version_id = (SELECT id FROM v) WHERE id = $1`,
      [lfId, projectId, version, kind, JSON.stringify(definition), authorId],
    );
  }

  async list(projectId: string, lfId?: string): Promise<LfRow[]> {
    const rows = await this.sql.many<RawLf>(
      `SELECT f.id, f.project_id AS "projectId", f.name, f.description, f.enabled, f.created_at AS "createdAt",
              (SELECT row_to_json(x) FROM (SELECT ${VERSION_COLUMNS} FROM lf_versions v LEFT JOIN users u ON u.id = v.author_id
                WHERE v.id = f.current_version_id) x) AS current
         FROM labeling_functions f
        WHERE f.project_id = $1 AND ($2::uuid IS NULL OR f.id = $2)
        ORDER BY f.created_at, f.id`,
      [projectId, lfId ?? null],
    );
    return rows.map((r) => ({ ...r, current: { ...r.current, createdAt: new Date(r.current.createdAt) } }));
  }

  async versions(projectId: string, lfId: string): Promise<LfVersionRow[]> {
    return this.sql.many<LfVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM lf_versions v LEFT JOIN users u ON u.id = v.author_id
        WHERE v.project_id = $1 AND v.lf_id = $2 ORDER BY v.version DESC`,
      [projectId, lfId],
    );
  }

  /** The current versions of enabled LFs that have not failed: the columns of the project's vote matrix. */
  async activeVersions(projectId: string): Promise<LfVersionRow[]> {
    return this.sql.many<LfVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM labeling_functions f
         JOIN lf_versions v ON v.id = f.current_version_id
         LEFT JOIN users u ON u.id = v.author_id
        WHERE f.project_id = $1 AND f.enabled AND v.error_message IS NULL
        ORDER BY f.created_at, f.id`,
      [projectId],
    );
  }

  async versionsById(ids: string[]): Promise<LfVersionRow[]> {
    return this.sql.many<LfVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM lf_versions v LEFT JOIN users u ON u.id = v.author_id WHERE v.id = ANY($1::bigint[])`,
      [ids],
    );
  }

  async maxItemId(projectId: string): Promise<string> {
    const row = await this.sql.one<{ max: string }>(
      `SELECT coalesce(max(id), 0)::text AS max FROM items WHERE project_id = $1`,
      [projectId],
    );
    return row?.max ?? '0';
  }

  // ---- runs ----

  async latestRun(projectId: string): Promise<LfRunRow | null> {
    return this.sql.one<LfRunRow>(
      `SELECT ${RUN_COLUMNS} FROM lf_runs r WHERE r.project_id = $1 ORDER BY r.created_at DESC LIMIT 1`,
      [projectId],
    );
  }

  async run(runId: string): Promise<LfRunRow | null> {
    return this.sql.one<LfRunRow>(`SELECT ${RUN_COLUMNS} FROM lf_runs r WHERE r.id = $1`, [runId]);
  }

  async runningRun(projectId: string): Promise<LfRunRow | null> {
    return this.sql.one<LfRunRow>(`SELECT ${RUN_COLUMNS} FROM lf_runs r WHERE r.project_id = $1 AND r.status = 'running'`, [
      projectId,
    ]);
  }

  /**
   * Opens a run for every active version that has items left to vote on, split into chunks of `chunkSize`
   * items by id. Null when a run is already open or nothing is left to do.
   */
  async startRun(projectId: string, chunkSize: number): Promise<NewRun | null> {
    return this.sql.tx(async (c) => {
      await c.query(itemsLock, [projectId]);
      const open = await c.query(`SELECT 1 FROM lf_runs WHERE project_id = $1 AND status = 'running'`, [projectId]);
      if (open.rows.length) return null;
      const { rows: maxRows } = await c.query<{ max: string }>(
        `SELECT coalesce(max(id), 0)::text AS max FROM items WHERE project_id = $1`,
        [projectId],
      );
      const through = maxRows[0].max;
      const { rows: versions } = await c.query<{ id: string; since: string }>(
        `SELECT v.id::text AS id, v.applied_through::text AS since FROM labeling_functions f
           JOIN lf_versions v ON v.id = f.current_version_id
          WHERE f.project_id = $1 AND f.enabled AND v.error_message IS NULL AND v.applied_through < $2::bigint
          ORDER BY f.created_at, f.id`,
        [projectId, through],
      );
      if (!versions.length) return null;
      const from = versions.reduce((lo, v) => (BigInt(v.since) < BigInt(lo) ? v.since : lo), versions[0].since);
      const { rows: chunks } = await c.query<{ chunk: number; fromId: string; toId: string; items: number }>(
        `SELECT c::int AS chunk, min(id)::text AS "fromId", max(id)::text AS "toId", count(*)::int AS items
           FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / $4 AS c
                   FROM items WHERE project_id = $1 AND id > $2::bigint AND id <= $3::bigint) t
          GROUP BY c ORDER BY c`,
        [projectId, from, through, chunkSize],
      );
      const itemsTotal = chunks.reduce((s, ch) => s + ch.items, 0);
      const { rows: runRows } = await c.query<LfRunRow>(
        `INSERT INTO lf_runs AS r (project_id, version_ids, since_ids, through_id, chunks_total, items_total)
         VALUES ($1, $2::bigint[], $3::bigint[], $4, $5, $6) RETURNING ${RUN_COLUMNS}`,
        [projectId, versions.map((v) => v.id), versions.map((v) => v.since), through, chunks.length, itemsTotal],
      );
      if (chunks.length) {
        await c.query(
          `INSERT INTO lf_run_chunks (run_id, chunk, from_id, to_id, items)
           SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::int[])`,
          [runRows[0].id, chunks.map((ch) => ch.chunk), chunks.map((ch) => ch.fromId), chunks.map((ch) => ch.toId), chunks.map((ch) => ch.items)],
        );
      }
      return { run: runRows[0], chunks: chunks.map((ch) => ({ ...ch, done: false })) };
    });
  }

  async chunk(runId: string, chunk: number): Promise<LfChunkRow | null> {
    return this.sql.one<LfChunkRow>(
      `SELECT chunk, from_id::text AS "fromId", to_id::text AS "toId", items, done_at IS NOT NULL AS done
         FROM lf_run_chunks WHERE run_id = $1 AND chunk = $2`,
      [runId, chunk],
    );
  }

  async items(projectId: string, fromId: string, toId: string): Promise<LfItemRow[]> {
    return this.sql.many<LfItemRow>(
      `SELECT i.id::text AS id, i.text, i.metadata, i.gold FROM items i
        WHERE i.project_id = $1 AND i.id >= $2::bigint AND i.id <= $3::bigint ORDER BY i.id`,
      [projectId, fromId, toId],
    );
  }

  /**
   * Stores one chunk's votes and marks it done, in one transaction. Votes go through COPY into a temporary
   * table and on into lf_votes with ON CONFLICT DO NOTHING, so a chunk that runs twice (a retried or stalled
   * job) leaves exactly the votes of one run; the chunk counts toward the run's progress once.
   */
  async saveChunk(runId: string, chunk: number, votes: ChunkVotes): Promise<void> {
    await this.sql.tx(async (c) => {
      await c.query(`CREATE TEMP TABLE chunk_votes (item_id bigint, lf_version_id bigint, vote smallint) ON COMMIT DROP`);
      const m = votes.versionIds.length;
      const rows: string[][] = [];
      for (let i = 0; i < votes.itemIds.length; i++) {
        for (let j = 0; j < m; j++) {
          const v = votes.votes[i * m + j];
          if (v >= 0 && !votes.errors.has(votes.versionIds[j])) rows.push([votes.itemIds[i], votes.versionIds[j], String(v)]);
        }
      }
      if (this.options.bulkInsert === 'insert') await this.insertVotes(c, rows);
      else await copyInto(c, `COPY chunk_votes (item_id, lf_version_id, vote) FROM STDIN`, rows);
      await c.query(
        `INSERT INTO lf_votes (item_id, lf_version_id, vote) SELECT item_id, lf_version_id, vote FROM chunk_votes
         ON CONFLICT (item_id, lf_version_id) DO NOTHING`,
      );
      for (const [versionId, error] of votes.errors) {
        await c.query(
          `UPDATE lf_versions SET error_message = $2, error_item_id = $3::bigint WHERE id = $1 AND error_message IS NULL`,
          [versionId, error.message.slice(0, 2000), error.itemId],
        );
      }
      await c.query(
        `WITH done AS (
           UPDATE lf_run_chunks SET done_at = now() WHERE run_id = $1 AND chunk = $2 AND done_at IS NULL RETURNING items)
         UPDATE lf_runs SET chunks_done = chunks_done + 1, items_done = items_done + (SELECT items FROM done)
          WHERE id = $1 AND EXISTS (SELECT 1 FROM done)`,
        [runId, chunk],
      );
    });
  }

  /** The embedded database (PGlite) has no COPY: batches of arrays expanded by unnest. */
  private async insertVotes(c: PoolClient, rows: string[][]): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      await c.query(
        `INSERT INTO chunk_votes SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::smallint[])`,
        [batch.map((r) => r[0]), batch.map((r) => r[1]), batch.map((r) => r[2])],
      );
    }
  }

  /**
   * Closes a run. Completed: every version of the run now covers the items up to its through id. Failed:
   * the votes written stay (they are correct), and the next run picks up where each version stood.
   */
  async finishRun(runId: string, error: string | null): Promise<LfRunRow | null> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<LfRunRow>(
        `UPDATE lf_runs r SET status = CASE WHEN $2::text IS NULL THEN 'completed' ELSE 'failed' END, error = $2,
            finished_at = now()
          WHERE id = $1 AND status = 'running' RETURNING ${RUN_COLUMNS}`,
        [runId, error],
      );
      const run = rows[0];
      if (run && error === null) {
        await c.query(
          `UPDATE lf_versions SET applied_through = greatest(applied_through, $2::bigint) WHERE id = ANY($1::bigint[])`,
          [run.versionIds, run.throughId],
        );
      }
      return run ?? null;
    });
  }

  // ---- label model and weak labels ----

  /**
   * The project's vote matrix over `versionIds` (columns in that order): every item in id order, its dev label
   * (its gold label, else the annotators' consensus label; -1 without either) and the stored votes; abstentions are not stored, so they
   * stay -1. Read a page of items at a time into typed arrays, so memory stays near the matrix's own size.
   */
  async voteMatrix(projectId: string, versionIds: string[]): Promise<{ itemIds: string[]; gold: Int16Array; votes: Int8Array }> {
    const m = versionIds.length;
    const column = new Map(versionIds.map((id, j) => [id, j]));
    const itemIds: string[] = [];
    const goldParts: Int16Array[] = [];
    const voteParts: Int8Array[] = [];
    for (let after = '0'; ; ) {
      const page = await this.sql.many<{ id: string; gold: number | null }>(
        // Ordered by i.id, the bigint: a bare "id" would be the text alias and sort "10" before "9".
        `SELECT i.id::text AS id, coalesce(i.gold[1], c.labels[1]) AS gold
           FROM items i LEFT JOIN item_consensus c ON c.item_id = i.id
          WHERE i.project_id = $1 AND i.id > $2::bigint ORDER BY i.id LIMIT $3`,
        [projectId, after, MATRIX_PAGE],
      );
      if (!page.length) break;
      const row = new Map(page.map((it, i) => [it.id, i]));
      const votes = new Int8Array(page.length * m).fill(-1);
      if (m > 0) {
        const stored = await this.sql.many<{ i: string; v: string; vote: number }>(
          `SELECT item_id::text AS i, lf_version_id::text AS v, vote FROM lf_votes
            WHERE item_id BETWEEN $1::bigint AND $2::bigint AND lf_version_id = ANY($3::bigint[])`,
          [page[0].id, page[page.length - 1].id, versionIds],
        );
        for (const s of stored) {
          const i = row.get(s.i);
          const j = column.get(s.v);
          if (i !== undefined && j !== undefined) votes[i * m + j] = s.vote;
        }
      }
      for (const it of page) itemIds.push(it.id);
      goldParts.push(Int16Array.from(page, (it) => it.gold ?? -1));
      voteParts.push(votes);
      after = page[page.length - 1].id;
      if (page.length < MATRIX_PAGE) break;
    }
    return { itemIds, gold: concat(Int16Array, goldParts), votes: concat(Int8Array, voteParts) };
  }

  /** The stored votes of `versionIds` on the given items (a preview's neighbours). */
  async votesOn(itemIds: string[], versionIds: string[]): Promise<{ itemId: string; versionId: string; vote: number }[]> {
    if (!itemIds.length || !versionIds.length) return [];
    return this.sql.many(
      `SELECT item_id::text AS "itemId", lf_version_id::text AS "versionId", vote FROM lf_votes
        WHERE item_id = ANY($1::bigint[]) AND lf_version_id = ANY($2::bigint[])`,
      [itemIds, versionIds],
    );
  }

  /**
   * The preview sample: gold items first, then the rest, each in a fixed pseudo-random order (a hash of the id,
   * read through items_sample_idx rather than sorting the project).
   */
  /**
   * The class probabilities the project's models `versions` gave `itemIds`, from the round that trained each model:
   * item id → (model version → probabilities). Items a model never scored are missing.
   */
  async modelScores(projectId: string, versions: number[], itemIds: string[]): Promise<Map<string, Map<number, number[]>>> {
    const out = new Map<string, Map<number, number[]>>();
    if (!versions.length || !itemIds.length) return out;
    const rows = await this.sql.many<{ itemId: string; version: number; probs: number[] }>(
      `SELECT p.item_id::text AS "itemId", m.version, p.probs::float8[] AS probs
         FROM models m
         JOIN al_rounds r ON r.model_id = m.id
         JOIN predictions p ON p.round_id = r.id AND p.item_id = ANY($3::bigint[])
        WHERE m.project_id = $1 AND m.version = ANY($2::int[]) AND p.probs IS NOT NULL`,
      [projectId, versions, itemIds],
    );
    for (const r of rows) {
      let byVersion = out.get(r.itemId);
      if (!byVersion) out.set(r.itemId, (byVersion = new Map()));
      byVersion.set(r.version, r.probs);
    }
    return out;
  }

  /** Model versions a model LF can vote from: a finished round trained them and their scores are still kept. */
  async votableModels(projectId: string): Promise<number[]> {
    return votableModelVersions(this.sql.pool, projectId);
  }

  async sample(projectId: string, size: number): Promise<LfItemRow[]> {
    const part = (gold: 'IS NOT NULL' | 'IS NULL') =>
      `SELECT i.id::text AS id, i.text, i.metadata, i.gold FROM items i WHERE i.project_id = $1 AND i.gold ${gold}
        ORDER BY hashtextextended(i.id::text, 20261123), i.id LIMIT $2`;
    const gold = await this.sql.many<LfItemRow>(part('IS NOT NULL'), [projectId, size]);
    if (gold.length >= size) return gold;
    return gold.concat(await this.sql.many<LfItemRow>(part('IS NULL'), [projectId, size - gold.length]));
  }

  /** Stores a fitted model and replaces the project's weak labels with its output, atomically. */
  async saveLabelModel(projectId: string, model: NewLabelModel, weak: Iterable<WeakLabelInput>): Promise<string> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO label_models (project_id, run_id, lf_version_ids, chosen, reason, class_balance, lf_accuracies,
           validation, analysis, items, covered)
         VALUES ($1, $2, $3::bigint[], $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::text AS id`,
        [
          projectId,
          model.runId,
          model.lfVersionIds,
          model.chosen,
          model.reason,
          model.classBalance,
          model.lfAccuracies,
          model.validation === null ? null : JSON.stringify(model.validation),
          JSON.stringify(model.analysis),
          model.items,
          model.covered,
        ],
      );
      const modelId = rows[0].id;
      await c.query(`DELETE FROM weak_labels WHERE project_id = $1`, [projectId]);
      const fields = function* (): Generator<string[]> {
        for (const w of weak) {
          yield [w.itemId, projectId, modelId, `{${w.probabilities.join(',')}}`, String(w.label), String(w.confidence), w.conflict ? 't' : 'f', String(w.votes)];
        }
      };
      if (this.options.bulkInsert === 'insert') {
        let batch: string[][] = [];
        const flush = async () => {
          const col = (k: number) => batch.map((f) => f[k]);
          await c.query(
            `INSERT INTO weak_labels (item_id, project_id, label_model_id, probabilities, label, confidence, conflict, votes)
             SELECT i, $2, $3, p::real[], l, c, x, v
               FROM unnest($1::bigint[], $4::text[], $5::smallint[], $6::real[], $7::boolean[], $8::smallint[]) AS t(i, p, l, c, x, v)`,
            [col(0), projectId, modelId, col(3), col(4), col(5), col(6), col(7)],
          );
          batch = [];
        };
        for (const f of fields()) {
          batch.push(f);
          if (batch.length === 5000) await flush();
        }
        if (batch.length) await flush();
      } else {
        await copyInto(c, `COPY weak_labels (item_id, project_id, label_model_id, probabilities, label, confidence, conflict, votes) FROM STDIN`, fields());
      }
      return modelId;
    });
  }

  async latestLabelModel(projectId: string): Promise<LabelModelRow | null> {
    return this.sql.one<LabelModelRow>(
      `SELECT ${MODEL_COLUMNS} FROM label_models m WHERE m.project_id = $1 ORDER BY m.id DESC LIMIT 1`,
      [projectId],
    );
  }

  async weakLabels(
    projectId: string,
    q: { minConfidence: number; conflict?: boolean; after: string; limit: number },
  ): Promise<WeakLabelRow[]> {
    return this.sql.many<WeakLabelRow>(
      `SELECT w.item_id::text AS "itemId", i.external_id AS "externalId", i.text, w.probabilities::float8[] AS probabilities,
              w.label, w.confidence::float8 AS confidence, w.conflict, w.votes
         FROM weak_labels w JOIN items i ON i.id = w.item_id
        WHERE w.project_id = $1 AND w.item_id > $2::bigint AND w.confidence >= $3::real AND ($4::boolean IS NULL OR w.conflict = $4)
        ORDER BY w.item_id LIMIT $5`,
      [projectId, q.after, q.minConfidence, q.conflict ?? null, q.limit],
    );
  }
}
