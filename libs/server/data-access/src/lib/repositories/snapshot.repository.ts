// Labeled snapshots (issue 11). A build runs on one connection: it takes the project's split lock (a session
// advisory lock, held before the transaction begins so its snapshot sees every earlier assignment), then in one
// REPEATABLE READ transaction assigns splits to items labeled for the first time, writes every row as the JSON line
// it will be served as, hashes the lines, and marks the snapshot complete. Labels committed meanwhile are not seen;
// a build killed half-way rolls back whole, leaving the snapshot `building` for a retry.
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Datasheet, LabelPolicy, LabelSource, ModelLineage, SnapshotDiff, SnapshotManifest, SnapshotSettings, SnapshotTrigger, SnapshotView, Split, SplitCount } from '@arbiter/contracts';
import { SNAPSHOT_ROW_COLUMNS, SPLITS } from '@arbiter/contracts';
import type { DatabaseOptions } from '../data-source';
import { DATABASE_OPTIONS } from '../database-options.token';
import { type Queryable, Sql } from '../sql';
import { iso } from './production-prediction.repository';

export interface StoredSplitSettings {
  seed: number;
  ratios: { train: number; valid: number; test: number };
  groupKey: string | null;
}

/** An item labeled for the first time, waiting for its split. */
export interface SplitCandidate {
  itemId: string;
  label: number;
  group: string | null;
}

export interface SplitState {
  settings: StoredSplitSettings;
  /** Earlier assignments per first label. */
  counts: Record<number, Record<Split, number>>;
  /** Splits of the candidates' groups that already have one. */
  groups: Record<string, Split>;
}

export type AssignSplits = (candidates: SplitCandidate[], state: SplitState) => { assignments: { itemId: string; split: Split }[]; groups: Record<string, Split> };

export interface BuildProgress {
  (phase: 'assigning' | 'writing' | 'hashing' | 'datasheet', done: number, total: number): void;
}

export interface BuiltSnapshot {
  view: SnapshotView;
  /** The `snapshot` webhook delivery queued in the build's transaction, if the project has a webhook. */
  deliveryId: string | null;
}

/** Why a snapshot cannot be built or read; the service maps these to HTTP. */
export class SnapshotStateError extends Error {
  constructor(readonly reason: 'not-found' | 'not-building' | 'group-key-fixed') {
    super(reason);
  }
}

const VIEW = `s.project_id AS "projectId", s.version, s.status, s.trigger, s.note, s.policy,
  ${iso('s.created_at')} AS "createdAt", ${iso('s.completed_at')} AS "completedAt", s.row_count::float8 AS "rowCount",
  s.content_hash AS "contentHash", s.error`;

// The items' labels, classified once per build: the row each item would contribute (or why it has none).
// $1 project, $2 sources, $3 weak minimum, $4 under adjudication in, $5 open disagreements in.
const CLASSIFY = `
  CREATE TEMP TABLE snapshot_items ON COMMIT DROP AS
  WITH base AS (
    SELECT i.id, i.external_id, i.text, i.image_url, i.metadata, i.gold, i.gold_source,
           CASE WHEN i.status = 'completed' THEN c.labels END AS consensus, c.confidence AS consensus_confidence,
           q.reason AS open_reason, w.label AS weak_label, w.confidence::float8 AS weak_confidence, w.label_model_id,
           lm.lf_version_ids
      FROM items i
      LEFT JOIN item_consensus c ON c.item_id = i.id
      LEFT JOIN review_queue q ON q.item_id = i.id AND q.status = 'open'
      LEFT JOIN weak_labels w ON w.item_id = i.id
      LEFT JOIN label_models lm ON lm.id = w.label_model_id
     WHERE i.project_id = $1
  ), chosen AS (
    SELECT b.*,
           CASE
             WHEN b.gold IS NOT NULL AND (CASE b.gold_source WHEN 'review' THEN 'review' WHEN 'production-review' THEN 'production-verdict' ELSE 'gold' END) = ANY($2::text[])
               THEN CASE b.gold_source WHEN 'review' THEN 'review' WHEN 'production-review' THEN 'production-verdict' ELSE 'gold' END
             WHEN b.consensus IS NOT NULL AND 'consensus' = ANY($2::text[])
                  AND (b.open_reason IS NULL OR (b.open_reason = 'low_confidence' AND $4::boolean) OR (b.open_reason = 'disagreement' AND $5::boolean))
               THEN 'consensus'
             WHEN b.weak_label IS NOT NULL AND 'weak' = ANY($2::text[]) AND b.weak_confidence >= $3::float8 THEN 'weak'
           END AS source
      FROM base b
  )
  SELECT ch.*,
         CASE ch.source WHEN 'consensus' THEN ch.consensus WHEN 'weak' THEN ARRAY[ch.weak_label]::smallint[] ELSE ch.gold END AS final,
         CASE WHEN ch.source IS NOT NULL THEN NULL
              WHEN ch.gold IS NULL AND ch.consensus IS NULL AND ch.weak_label IS NULL THEN 'unlabeled'
              WHEN ch.gold IS NULL AND ch.consensus IS NOT NULL AND 'consensus' = ANY($2::text[]) AND ch.open_reason = 'low_confidence' THEN 'underAdjudication'
              WHEN ch.gold IS NULL AND ch.consensus IS NOT NULL AND 'consensus' = ANY($2::text[]) AND ch.open_reason = 'disagreement' THEN 'openDisagreement'
              WHEN ch.weak_label IS NOT NULL AND 'weak' = ANY($2::text[]) THEN 'weakBelowConfidence'
              ELSE 'sourceExcluded'
         END AS excluded
    FROM chosen ch`;

// Every included item's row, as served: row_to_json keeps the column order and writes compact JSON.
const WRITE_ROWS = `
  INSERT INTO snapshot_rows (snapshot_id, ordinal, split, split_ordinal, item_id, label, source, line)
  SELECT $1, row_number() OVER (ORDER BY t.id), sp.split, row_number() OVER (PARTITION BY sp.split ORDER BY t.id), t.id,
         r.label, t.source,
         (SELECT row_to_json(x)::text FROM (SELECT t.id::text AS "itemId", t.external_id AS "externalId", t.text, t.image_url AS "imageUrl",
                 t.metadata, r.label, r.labels, t.source,
                 (CASE t.source WHEN 'consensus' THEN t.consensus_confidence WHEN 'weak' THEN t.weak_confidence ELSE 1 END)::float8 AS confidence,
                 coalesce(a.n, 0) AS annotators, a.agreement,
                 CASE WHEN t.source = 'weak' THEN (SELECT array_agg(v::text ORDER BY v) FROM unnest(t.lf_version_ids) v) END AS "lfVersionIds",
                 CASE WHEN t.source = 'weak' THEN t.label_model_id::text END AS "labelModelId",
                 sp.split) x)
    FROM snapshot_items t
    JOIN item_splits sp ON sp.item_id = t.id
    CROSS JOIN LATERAL (
      SELECT array_to_string(array_agg(($2::text[])[l + 1] ORDER BY l), '|') AS label, to_json(array_agg(($2::text[])[l + 1] ORDER BY l)) AS labels
        FROM unnest(t.final) l
    ) r
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n,
             CASE WHEN count(*) > 0 THEN (count(*) FILTER (WHERE an.labels @> t.final AND an.labels <@ t.final))::float8 / count(*) END AS agreement
        FROM annotations an WHERE an.item_id = t.id
    ) a ON true
   WHERE t.source IS NOT NULL`;

/** The hash pass's input where COPY is unavailable (the embedded database): keyset pages on the build's client. */
async function* pagedPrefixedLines(c: PoolClient, snapshotId: string): AsyncGenerator<Buffer> {
  for (let after = 0; ; ) {
    const { rows } = await c.query<{ l: string; o: number }>(
      `SELECT left(split, 2) || line || E'\\n' AS l, ordinal AS o FROM snapshot_rows WHERE snapshot_id = $1 AND ordinal > $2 ORDER BY ordinal LIMIT 5000`,
      [snapshotId, after],
    );
    if (rows.length) yield Buffer.from(rows.map((r) => r.l).join(''), 'utf8');
    if (rows.length < 5000) return;
    after = rows[rows.length - 1].o;
  }
}

/** The project's split settings, made (with a random seed) the first time they are asked for. */
async function splitSettingsOn(q: Queryable, projectId: string): Promise<StoredSplitSettings> {
  await q.query(`INSERT INTO split_settings (project_id, seed) VALUES ($1, floor(random() * 2147483647)::int) ON CONFLICT (project_id) DO NOTHING`, [projectId]);
  const r = (await q.query<{ seed: number; train: number; valid: number; test: number; groupKey: string | null }>(
    `SELECT seed, train, valid, test, group_key AS "groupKey" FROM split_settings WHERE project_id = $1`,
    [projectId],
  )).rows[0];
  return { seed: r.seed, ratios: { train: r.train, valid: r.valid, test: r.test }, groupKey: r.groupKey };
}

function splitLockKey(projectId: string): string {
  return `arbiter-splits:${projectId}`;
}

@Injectable()
export class SnapshotRepository {
  constructor(
    private readonly sql: Sql,
    @Inject(DATABASE_OPTIONS) private readonly options: Pick<DatabaseOptions, 'bulkInsert'>,
  ) {}

  /** The project's split settings, made (with a random seed) the first time they are asked for. */
  async splitSettings(projectId: string): Promise<StoredSplitSettings> {
    return splitSettingsOn(this.sql.pool, projectId);
  }

  async assignedCounts(projectId: string): Promise<Record<Split, number>> {
    const rows = await this.sql.many<{ split: Split; n: number }>(`SELECT split, count(*)::int AS n FROM item_splits WHERE project_id = $1 GROUP BY split`, [projectId]);
    const out = { train: 0, valid: 0, test: 0 };
    for (const r of rows) out[r.split] = r.n;
    return out;
  }

  /**
   * Changes the ratios (for items assigned from now on), the seed and the group key. The seed and group key are
   * fixed once any item has a split: changing them would describe assignments that were not made that way.
   */
  async putSplitSettings(projectId: string, patch: { ratios?: StoredSplitSettings['ratios']; groupKey?: string | null; seed?: number }): Promise<StoredSplitSettings> {
    await this.splitSettings(projectId);
    await this.sql.tx(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [splitLockKey(projectId)]);
      const current = (await c.query<{ seed: number; groupKey: string | null }>(`SELECT seed, group_key AS "groupKey" FROM split_settings WHERE project_id = $1`, [projectId])).rows[0];
      const fixedChanged = (patch.groupKey !== undefined && patch.groupKey !== current.groupKey) || (patch.seed !== undefined && patch.seed !== current.seed);
      if (fixedChanged) {
        const { rows } = await c.query(`SELECT 1 FROM item_splits WHERE project_id = $1 LIMIT 1`, [projectId]);
        if (rows.length) throw new SnapshotStateError('group-key-fixed');
      }
      await c.query(
        `UPDATE split_settings SET train = coalesce($2, train), valid = coalesce($3, valid), test = coalesce($4, test),
                group_key = CASE WHEN $5::boolean THEN $6 ELSE group_key END, seed = coalesce($7, seed), updated_at = now()
          WHERE project_id = $1`,
        [projectId, patch.ratios?.train ?? null, patch.ratios?.valid ?? null, patch.ratios?.test ?? null, patch.groupKey !== undefined, patch.groupKey ?? null, patch.seed ?? null],
      );
    });
    return this.splitSettings(projectId);
  }

  /** Opens the next version, `building`. Versions are numbered 1, 2, … per project with no gaps. */
  async create(projectId: string, d: { trigger: SnapshotTrigger; policy: LabelPolicy; note: string | null; requestedBy: string | null }): Promise<{ id: string; view: SnapshotView }> {
    return this.sql.tx(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`arbiter-snapshot-version:${projectId}`]);
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO snapshots (project_id, version, trigger, policy, note, requested_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM snapshots WHERE project_id = $1 AND (trigger = 'training') = ($2 = 'training')
         RETURNING id::text`,
        [projectId, d.trigger, JSON.stringify(d.policy), d.note, d.requestedBy],
      );
      const view = (await c.query<SnapshotView>(`SELECT ${VIEW} FROM snapshots s WHERE s.id = $1`, [rows[0].id])).rows[0];
      return { id: rows[0].id, view };
    });
  }

  async list(projectId: string): Promise<SnapshotView[]> {
    return this.sql.many<SnapshotView>(`SELECT ${VIEW} FROM snapshots s WHERE s.project_id = $1 AND s.trigger <> 'training' ORDER BY s.version DESC`, [projectId]);
  }

  /** A version, or the newest complete one for `latest`; `training`: an active-learning round's (numbered apart). */
  async find(projectId: string, version: number | 'latest', training = false): Promise<{ id: string; view: SnapshotView; manifest: SnapshotManifest | null; datasheet: Datasheet | null } | null> {
    const kind = training ? `s.trigger = 'training'` : `s.trigger <> 'training'`;
    const where = version === 'latest' ? `s.project_id = $1 AND ${kind} AND s.status = 'complete' ORDER BY s.version DESC LIMIT 1` : `s.project_id = $1 AND ${kind} AND s.version = $2`;
    const r = await this.sql.one<{ id: string; manifest: SnapshotManifest | null; datasheet: Datasheet | null } & SnapshotView>(
      `SELECT s.id::text AS id, s.manifest, s.datasheet, ${VIEW} FROM snapshots s WHERE ${where}`,
      version === 'latest' ? [projectId] : [projectId, version],
    );
    if (!r) return null;
    const { id, manifest, datasheet, ...view } = r;
    return { id, view, manifest, datasheet };
  }

  /** Snapshots left `building` (a build that died), oldest first, for the retry sweep. */
  async unfinished(olderThanMs: number): Promise<{ id: string; projectId: string; version: number }[]> {
    return this.sql.many(
      `SELECT id::text, project_id AS "projectId", version FROM snapshots
        WHERE status = 'building' AND created_at < now() - $1::float8 * interval '1 millisecond' ORDER BY id`,
      [olderThanMs],
    );
  }

  async markFailed(snapshotId: string, error: string): Promise<void> {
    await this.sql.many(`UPDATE snapshots SET status = 'failed', error = $2 WHERE id = $1 AND status = 'building'`, [snapshotId, error.slice(0, 2000)]);
  }

  /** A failed snapshot goes back to `building` for another attempt; a complete one is never touched. */
  async reopen(snapshotId: string): Promise<boolean> {
    const rows = await this.sql.many(`UPDATE snapshots SET status = 'building', error = NULL WHERE id = $1 AND status IN ('building', 'failed') RETURNING id`, [snapshotId]);
    return rows.length > 0;
  }

  /** Builds a `building` snapshot; a complete one is returned as it is (a retried job is harmless). */
  async build(snapshotId: string, assign: AssignSplits, progress: BuildProgress = () => undefined): Promise<BuiltSnapshot> {
    const client = await this.sql.connect();
    let locked: string | null = null;
    try {
      const head = (await client.query<{ projectId: string; status: string }>(`SELECT project_id AS "projectId", status FROM snapshots WHERE id = $1`, [snapshotId])).rows[0];
      if (!head) throw new SnapshotStateError('not-found');
      locked = head.projectId;
      await client.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [splitLockKey(locked)]);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        const out = await this.buildInTransaction(client, snapshotId, assign, progress);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      if (locked) await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [splitLockKey(locked)]).catch(() => undefined);
      client.release();
    }
  }

  private async buildInTransaction(c: PoolClient, snapshotId: string, assign: AssignSplits, progress: BuildProgress): Promise<BuiltSnapshot> {
    const snap = (
      await c.query<{ projectId: string; version: number; status: string; policy: LabelPolicy; trigger: SnapshotTrigger; createdAt: string; labels: { name: string }[] }>(
        `SELECT s.project_id AS "projectId", s.version, s.status, s.policy, s.trigger, ${iso('s.created_at')} AS "createdAt", p.labels
           FROM snapshots s JOIN projects p ON p.id = s.project_id WHERE s.id = $1 FOR UPDATE OF s`,
        [snapshotId],
      )
    ).rows[0];
    if (snap.status === 'complete') {
      const view = (await c.query<SnapshotView>(`SELECT ${VIEW} FROM snapshots s WHERE s.id = $1`, [snapshotId])).rows[0];
      return { view, deliveryId: null };
    }
    await c.query(`UPDATE snapshots SET attempts = attempts + 1 WHERE id = $1`, [snapshotId]);
    const projectId = snap.projectId;
    const names = snap.labels.map((l) => l.name);
    const settings = await splitSettingsOn(c, projectId);

    progress('assigning', 0, 1);
    await this.assignNewSplits(c, projectId, settings, assign);
    progress('assigning', 1, 1);

    const p = snap.policy;
    await c.query(CLASSIFY, [projectId, p.sources, p.weakMinConfidence, p.includeUnderAdjudication, p.includeOpenDisagreements]);
    progress('writing', 0, 1);
    await c.query(`DELETE FROM snapshot_rows WHERE snapshot_id = $1`, [snapshotId]);
    await c.query(WRITE_ROWS, [snapshotId, names]);
    progress('writing', 1, 1);

    const hashes = await this.hashLines(c, snapshotId, progress);
    progress('datasheet', 0, 1);
    const datasheet = await this.datasheetOn(c, snapshotId, snap.version, names, p);
    const completedAt = (await c.query<{ now: string }>(`SELECT ${iso('clock_timestamp()')} AS now`)).rows[0].now;
    const manifest: SnapshotManifest = {
      projectId,
      version: snap.version,
      createdAt: snap.createdAt,
      completedAt,
      trigger: snap.trigger,
      policy: p,
      split: { seed: settings.seed, ratios: settings.ratios, groupKey: settings.groupKey },
      labels: names,
      rowCount: hashes.all.rows,
      contentHash: hashes.all.contentHash,
      splits: { train: hashes.train, valid: hashes.valid, test: hashes.test },
      columns: SNAPSHOT_ROW_COLUMNS,
    };
    await c.query(
      `UPDATE snapshots SET status = 'complete', completed_at = $2::timestamptz, row_count = $3, content_hash = $4, manifest = $5, datasheet = $6, error = NULL
        WHERE id = $1`,
      [snapshotId, completedAt, hashes.all.rows, hashes.all.contentHash, JSON.stringify(manifest), JSON.stringify(datasheet)],
    );
    progress('datasheet', 1, 1);
    const deliveryId = randomUUID();
    // A round's training snapshot is the model's business, not news for the project's webhook.
    const queued = await c.query(
      `INSERT INTO webhook_deliveries (id, project_id, event, body, alert_key)
       SELECT $1, $2, 'snapshot', $3, $4 WHERE EXISTS (SELECT 1 FROM project_webhooks WHERE project_id = $2) AND $5::text <> 'training'
       ON CONFLICT (project_id, alert_key) DO NOTHING`,
      [
        deliveryId,
        projectId,
        JSON.stringify({ event: 'snapshot', deliveryId, projectId, version: snap.version, contentHash: hashes.all.contentHash, rowCount: hashes.all.rows, completedAt }),
        `snapshot:${snap.version}`,
        snap.trigger,
      ],
    );
    const view = (await c.query<SnapshotView>(`SELECT ${VIEW} FROM snapshots s WHERE s.id = $1`, [snapshotId])).rows[0];
    return { view, deliveryId: (queued.rowCount ?? 0) > 0 ? deliveryId : null };
  }

  /**
   * Gives every item with a label (gold, consensus or weak) and no split yet its split, stratified by that first
   * label. Must run under the project's split lock.
   */
  private async assignNewSplits(c: PoolClient, projectId: string, settings: StoredSplitSettings, assign: AssignSplits): Promise<number> {
    const { rows: candidates } = await c.query<SplitCandidate>(
      `SELECT i.id::text AS "itemId", coalesce(i.gold[1], CASE WHEN i.status = 'completed' THEN ic.labels[1] END, w.label)::int AS label,
              CASE WHEN $2::text IS NULL THEN NULL ELSE i.metadata ->> $2::text END AS "group"
         FROM items i
         LEFT JOIN item_consensus ic ON ic.item_id = i.id
         LEFT JOIN weak_labels w ON w.item_id = i.id
        WHERE i.project_id = $1 AND NOT EXISTS (SELECT 1 FROM item_splits s WHERE s.item_id = i.id)
          AND coalesce(i.gold[1], CASE WHEN i.status = 'completed' THEN ic.labels[1] END, w.label) IS NOT NULL
        ORDER BY i.id`,
      [projectId, settings.groupKey],
    );
    if (!candidates.length) return 0;
    const counts: SplitState['counts'] = {};
    const { rows: countRows } = await c.query<{ label: number; split: Split; n: number }>(
      `SELECT first_label::int AS label, split, count(*)::int AS n FROM item_splits WHERE project_id = $1 GROUP BY 1, 2`,
      [projectId],
    );
    for (const r of countRows) (counts[r.label] ??= { train: 0, valid: 0, test: 0 })[r.split] = r.n;
    const groups: Record<string, Split> = {};
    const wanted = [...new Set(candidates.map((x) => x.group).filter((g): g is string => g !== null))];
    if (wanted.length) {
      const { rows } = await c.query<{ group: string; split: Split }>(
        `SELECT group_value AS "group", split FROM split_groups WHERE project_id = $1 AND group_value = ANY($2::text[])`,
        [projectId, wanted],
      );
      for (const r of rows) groups[r.group] = r.split;
    }
    const out = assign(candidates, { settings, counts, groups });
    const byId = new Map(candidates.map((x) => [x.itemId, x]));
    const of = (itemId: string): SplitCandidate => {
      const x = byId.get(itemId);
      if (!x) throw new Error(`split assigned to item ${itemId}, which was not a candidate`);
      return x;
    };
    for (let i = 0; i < out.assignments.length; i += 20_000) {
      const part = out.assignments.slice(i, i + 20_000);
      await c.query(
        `INSERT INTO item_splits (item_id, project_id, split, first_label, group_value)
         SELECT t.item, $1, t.split, t.label, t.grp FROM unnest($2::bigint[], $3::text[], $4::smallint[], $5::text[]) AS t(item, split, label, grp)`,
        [projectId, part.map((a) => a.itemId), part.map((a) => a.split), part.map((a) => of(a.itemId).label), part.map((a) => of(a.itemId).group)],
      );
    }
    const newGroups = Object.entries(out.groups);
    if (newGroups.length) {
      await c.query(
        `INSERT INTO split_groups (project_id, group_value, split) SELECT $1, g, s FROM unnest($2::text[], $3::text[]) AS t(g, s)`,
        [projectId, newGroups.map(([g]) => g), newGroups.map(([, s]) => s)],
      );
    }
    return out.assignments.length;
  }

  /** SHA-256 of the JSONL of all rows and of each split's rows, read back inside the build's transaction. */
  private async hashLines(c: PoolClient, snapshotId: string, progress: BuildProgress): Promise<Record<Split | 'all', SplitCount>> {
    const total = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM snapshot_rows WHERE snapshot_id = $1`, [snapshotId])).rows[0].n);
    const hashers = { all: createHash('sha256'), train: createHash('sha256'), valid: createHash('sha256'), test: createHash('sha256') };
    const rows = { all: 0, train: 0, valid: 0, test: 0 };
    // The split's two-letter code prefixes each line, so one ordered pass feeds all four hashes.
    const stream = this.options.bulkInsert === 'insert'
      ? pagedPrefixedLines(c, snapshotId)
      : (c.query(
          copyTo(`COPY (SELECT left(split, 2) || line FROM snapshot_rows WHERE snapshot_id = ${Number(snapshotId)} ORDER BY ordinal) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`),
        ) as AsyncIterable<Buffer>);
    let rest = Buffer.alloc(0);
    const NL = 0x0a;
    const CODE: Record<string, Split> = { tr: 'train', va: 'valid', te: 'test' };
    for await (const chunk of stream) {
      const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let nl = buf.indexOf(NL, start); nl !== -1; nl = buf.indexOf(NL, start)) {
        const split = CODE[buf.toString('latin1', start, start + 2)];
        const line = buf.subarray(start + 2, nl + 1);
        hashers.all.update(line);
        hashers[split].update(line);
        rows.all++;
        rows[split]++;
        start = nl + 1;
      }
      rest = Buffer.from(buf.subarray(start));
      progress('hashing', rows.all, total);
    }
    const out = {} as Record<Split | 'all', SplitCount>;
    for (const k of ['all', ...SPLITS] as const) out[k] = { rows: rows[k], contentHash: hashers[k].digest('hex') };
    return out;
  }

  private async datasheetOn(c: PoolClient, snapshotId: string, version: number, names: string[], policy: LabelPolicy): Promise<Datasheet> {
    const counts = { train: {}, valid: {}, test: {} } as Datasheet['counts'];
    const { rows: byLabel } = await c.query<{ split: Split; label: string; n: number }>(
      `SELECT split, label, count(*)::int AS n FROM snapshot_rows WHERE snapshot_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [snapshotId],
    );
    const totals: Record<string, number> = {};
    let rowCount = 0;
    for (const r of byLabel) {
      counts[r.split][r.label] = r.n;
      totals[r.label] = (totals[r.label] ?? 0) + r.n;
      rowCount += r.n;
    }
    const labelDistribution: Record<string, number> = {};
    const ordered = [...names.filter((n) => totals[n] !== undefined), ...Object.keys(totals).filter((k) => !names.includes(k)).sort()];
    for (const k of ordered) labelDistribution[k] = rowCount ? totals[k] / rowCount : 0;
    const { rows: sourceRows } = await c.query<{ source: LabelSource; n: number }>(
      `SELECT source, count(*)::int AS n FROM snapshot_rows WHERE snapshot_id = $1 GROUP BY 1 ORDER BY 1`,
      [snapshotId],
    );
    const sources: Datasheet['sources'] = {};
    for (const r of sourceRows) sources[r.source] = r.n;
    const agreement = (
      await c.query<{ mean: number | null; rows: number }>(
        `SELECT avg((line::json ->> 'agreement')::float8) FILTER (WHERE (line::json ->> 'annotators')::int >= 2) AS mean,
                (count(*) FILTER (WHERE (line::json ->> 'annotators')::int >= 2))::int AS rows
           FROM snapshot_rows WHERE snapshot_id = $1`,
        [snapshotId],
      )
    ).rows[0];
    const exclusions: Datasheet['exclusions'] = { unlabeled: 0, underAdjudication: 0, openDisagreement: 0, sourceExcluded: 0, weakBelowConfidence: 0 };
    const { rows: excluded } = await c.query<{ reason: keyof Datasheet['exclusions']; n: number }>(
      `SELECT excluded AS reason, count(*)::int AS n FROM snapshot_items WHERE excluded IS NOT NULL GROUP BY 1`,
    );
    for (const r of excluded) exclusions[r.reason] = r.n;
    return { version, rowCount, counts, labelDistribution, sources, agreement: { mean: agreement.mean, rows: agreement.rows }, exclusions, policy };
  }

  /** Added, removed, relabeled and re-sourced items between two complete versions, in item id order. */
  async diff(fromId: string, toId: string): Promise<Omit<SnapshotDiff, 'from' | 'to'>> {
    const rows = await this.sql.many<{ itemId: string; a: string | null; b: string | null; as: LabelSource; bs: LabelSource }>(
      `SELECT coalesce(a.item_id, b.item_id)::text AS "itemId", a.label AS a, b.label AS b, a.source AS as, b.source AS bs
         FROM (SELECT item_id, label, source FROM snapshot_rows WHERE snapshot_id = $1) a
         FULL JOIN (SELECT item_id, label, source FROM snapshot_rows WHERE snapshot_id = $2) b ON a.item_id = b.item_id
        WHERE a.item_id IS NULL OR b.item_id IS NULL OR a.label <> b.label OR a.source <> b.source
        ORDER BY coalesce(a.item_id, b.item_id)`,
      [fromId, toId],
    );
    const out: Omit<SnapshotDiff, 'from' | 'to'> = { added: [], removed: [], relabeled: [], sourceChanged: [] };
    for (const r of rows) {
      if (r.a === null) out.added.push(r.itemId);
      else if (r.b === null) out.removed.push(r.itemId);
      else if (r.a !== r.b) out.relabeled.push({ itemId: r.itemId, from: r.a, to: r.b, fromSource: r.as, toSource: r.bs });
      else out.sourceChanged.push({ itemId: r.itemId, label: r.a, fromSource: r.as, toSource: r.bs });
    }
    return out;
  }

  /** A complete snapshot's rows as a trainer reads them, in item id order: label name, source, confidence, split. */
  async trainingRows(snapshotId: string): Promise<{ itemId: string; label: string; source: LabelSource; confidence: number; split: Split }[]> {
    return this.sql.many(
      `SELECT item_id::text AS "itemId", label, source, (line::json ->> 'confidence')::float8 AS confidence, split
         FROM snapshot_rows WHERE snapshot_id = $1 ORDER BY ordinal`,
      [snapshotId],
    );
  }

  /** Test split item ids as assigned so far, without assigning (active-learning selection leaves them out). */
  async assignedTestItems(projectId: string): Promise<Set<string>> {
    const rows = await this.sql.many<{ id: string }>(`SELECT item_id::text AS id FROM item_splits WHERE project_id = $1 AND split = 'test'`, [projectId]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Gives items labeled since the last assignment their split, as one batch. With `wait` false it gives up (null)
   * when a build or another assignment holds the project's split lock: that one assigns them.
   */
  async assignPending(projectId: string, assign: AssignSplits, wait: boolean): Promise<number | null> {
    const client = await this.sql.connect();
    try {
      if (wait) await client.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [splitLockKey(projectId)]);
      else {
        const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [splitLockKey(projectId)]);
        if (!rows[0].ok) return null;
      }
      try {
        await client.query('BEGIN');
        try {
          const n = await this.assignNewSplits(client, projectId, await splitSettingsOn(client, projectId), assign);
          await client.query('COMMIT');
          return n;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [splitLockKey(projectId)]).catch(() => undefined);
      }
    } finally {
      client.release();
    }
  }

  /** Projects with an item that has a label (gold, completed consensus or weak) and no split yet. */
  async projectsWithUnassignedLabels(): Promise<string[]> {
    const rows = await this.sql.many<{ id: string }>(
      `SELECT p.id FROM projects p
        WHERE EXISTS (
          SELECT 1 FROM items i
            LEFT JOIN item_consensus ic ON ic.item_id = i.id
            LEFT JOIN weak_labels w ON w.item_id = i.id
           WHERE i.project_id = p.id AND NOT EXISTS (SELECT 1 FROM item_splits s WHERE s.item_id = i.id)
             AND coalesce(i.gold[1], CASE WHEN i.status = 'completed' THEN ic.labels[1] END, w.label) IS NOT NULL)`,
    );
    return rows.map((r) => r.id);
  }

  /** Records the complete snapshot a production model version was trained on; false when there is no such version. */
  async putModelLineage(projectId: string, model: { name: string; version: string }, snapshotVersion: number): Promise<boolean> {
    const rows = await this.sql.many(
      `INSERT INTO production_model_lineage (project_id, model_name, model_version, snapshot_id)
       SELECT $1, $2, $3, s.id FROM snapshots s WHERE s.project_id = $1 AND s.trigger <> 'training' AND s.version = $4 AND s.status = 'complete'
       ON CONFLICT (project_id, model_name, model_version) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id, recorded_at = now()
       RETURNING 1`,
      [projectId, model.name, model.version, snapshotVersion],
    );
    return rows.length > 0;
  }

  async modelLineage(projectId: string, model: { name: string; version: string }): Promise<ModelLineage | null> {
    const r = await this.sql.one<{ version: number; contentHash: string; rowCount: number; completedAt: string; recordedAt: string }>(
      `SELECT s.version, s.content_hash AS "contentHash", s.row_count::float8 AS "rowCount", ${iso('s.completed_at')} AS "completedAt",
              ${iso('ml.recorded_at')} AS "recordedAt"
         FROM production_model_lineage ml JOIN snapshots s ON s.id = ml.snapshot_id
        WHERE ml.project_id = $1 AND ml.model_name = $2 AND ml.model_version = $3`,
      [projectId, model.name, model.version],
    );
    if (!r) return null;
    const { recordedAt, ...snapshot } = r;
    return { model, snapshot, recordedAt };
  }

  async snapshotSettings(projectId: string): Promise<SnapshotSettings> {
    const r = await this.sql.one<SnapshotSettings>(
      `SELECT every_hours AS "everyHours", after_new_gold AS "afterNewGold", min_agreement AS "minAgreement", policy FROM snapshot_settings WHERE project_id = $1`,
      [projectId],
    );
    return r ?? { everyHours: null, afterNewGold: null, minAgreement: null, policy: null };
  }

  async putSnapshotSettings(projectId: string, s: SnapshotSettings): Promise<void> {
    await this.sql.many(
      `INSERT INTO snapshot_settings (project_id, every_hours, after_new_gold, min_agreement, policy) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET every_hours = EXCLUDED.every_hours, after_new_gold = EXCLUDED.after_new_gold,
         min_agreement = EXCLUDED.min_agreement, policy = EXCLUDED.policy, updated_at = now()`,
      [projectId, s.everyHours, s.afterNewGold, s.minAgreement, s.policy === null ? null : JSON.stringify(s.policy)],
    );
  }

  /** Snapshot triggers due: projects whose schedule elapsed, or with enough new gold since their last snapshot. */
  async dueTriggers(): Promise<{ projectId: string; trigger: 'schedule' | 'policy'; policy: LabelPolicy | null }[]> {
    return this.sql.many(
      `SELECT st.project_id AS "projectId",
              CASE WHEN st.every_hours IS NOT NULL AND (last.created_at IS NULL OR last.created_at < now() - st.every_hours * interval '1 hour') THEN 'schedule' ELSE 'policy' END AS trigger,
              st.policy
         FROM snapshot_settings st
         -- Active-learning rounds' own snapshots do not reset the project's schedule or count.
         LEFT JOIN LATERAL (SELECT s.created_at FROM snapshots s WHERE s.project_id = st.project_id AND s.trigger <> 'training' ORDER BY s.version DESC LIMIT 1) last ON true
         LEFT JOIN agreement_reports ar ON ar.project_id = st.project_id
        WHERE NOT EXISTS (SELECT 1 FROM snapshots b WHERE b.project_id = st.project_id AND b.status = 'building')
          AND ((st.every_hours IS NOT NULL AND (last.created_at IS NULL OR last.created_at < now() - st.every_hours * interval '1 hour'))
            OR (st.after_new_gold IS NOT NULL
                AND (SELECT count(*) FROM items i WHERE i.project_id = st.project_id AND i.gold IS NOT NULL
                       AND (last.created_at IS NULL OR i.gold_at > last.created_at)) >= st.after_new_gold
                AND (st.min_agreement IS NULL OR coalesce((ar.report #>> '{overall,alpha,value}')::float8, -2) >= st.min_agreement)))`,
    );
  }
}
