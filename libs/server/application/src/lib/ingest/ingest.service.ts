// Ingest: the uploaded file is parsed and validated as it streams in and COPYed into PostgreSQL in one
// transaction. "reject" commits nothing when any row is bad; "skip" commits the good rows and reports the rest.
// The upload is read within PayloadLimits (size, pauses, duration), so a slow client cannot hold a connection.
// Client vectors (embeddingField) all have one length per project: the project's, else the file's first vector's;
// the import that commits first fixes it for the project.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ImportQuery, ImportReport, Project, RowError } from '@arbiter/contracts';
import { IngestFileError, mapRecord, readRecords } from '@arbiter/domain/ingest';
import { ImportRow, ItemRepository } from '@arbiter/server/data-access';
import { LfProducer } from '@arbiter/server/jobs';
import { ArbiterError, ErrorCode } from '../errors/arbiter.error';
import { ProjectEvents } from '../projects/project-events';
import { ProjectService } from '../projects/project.service';
import { DEFAULT_PAYLOAD_LIMITS, PAYLOAD_LIMITS, type PayloadLimits } from './payload-limits';
import { limitUploadBody, uploadTimedOut, uploadTooLarge } from './upload-body';

const PROGRESS_EVERY_MS = 250;

/** An upload: its bytes as they arrive, and the size the client declared (Content-Length), if any. */
export interface Upload {
  chunks: AsyncIterable<Uint8Array>;
  declaredBytes?: number;
}

@Injectable()
export class IngestService {
  private readonly limits: PayloadLimits;

  constructor(
    private readonly items: ItemRepository,
    private readonly projects: ProjectService,
    private readonly events: ProjectEvents,
    private readonly lfProducer: LfProducer,
    @Optional() @Inject(PAYLOAD_LIMITS) limits?: PayloadLimits,
  ) {
    this.limits = limits ?? DEFAULT_PAYLOAD_LIMITS;
  }

  async importFile(projectId: string, q: ImportQuery, upload: Upload): Promise<ImportReport> {
    const project = await this.projects.get(projectId, 'engineer');
    const limits = this.limits;
    if (upload.declaredBytes !== undefined && upload.declaredBytes > limits.uploadMaxBytes) throw uploadTooLarge(limits.uploadMaxBytes);
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(uploadTimedOut(`the upload took longer than ${limits.uploadTimeoutMs} ms (UPLOAD_TIMEOUT_MS)`)),
      limits.uploadTimeoutMs,
    );
    try {
      const body = limitUploadBody(upload.chunks, { maxBytes: limits.uploadMaxBytes, idleMs: limits.uploadIdleTimeoutMs, deadline: deadline.signal });
      return await this.run(project, q, body, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(project: Project, q: ImportQuery, body: AsyncIterable<Uint8Array>, deadline: AbortSignal): Promise<ImportReport> {
    const projectId = project.id;
    const importId = q.importId ?? randomUUID();
    const labels = { names: project.labelSchema.labels.map((l) => l.name), multi: project.labelSchema.kind === 'multi' };
    const mapping = {
      text: q.textField,
      externalId: q.externalIdField,
      imageUrl: q.imageUrlField,
      gold: q.goldField,
      prediction: q.predictionField,
      embedding: q.embeddingField,
      metadata: q.metadataFields,
    };
    const mapLimits = { maxMetadataBytes: this.limits.itemMetadataMaxBytes };
    // The vectors' length: the project's, else set by the first vector of the file; and where that vector was.
    let embeddingDim = project.embeddingDim;
    let firstVectorLine: number | null = null;
    const maxErrors = this.limits.maxErrors;
    const errors: RowError[] = [];
    let rejected = 0;
    let rowsRead = 0;
    let bytesRead = 0;
    // At most one event per PROGRESS_EVERY_MS, and the latest figures always follow (a trailing event), so a
    // client watching a slow upload sees where it stands.
    let lastProgress = 0;
    let pending: NodeJS.Timeout | undefined;
    const emit = (done: boolean) => {
      lastProgress = Date.now();
      this.events.importProgress({ projectId, importId, rowsRead, bytesRead, done });
    };
    const progress = () => {
      if (pending) return;
      const wait = PROGRESS_EVERY_MS - (Date.now() - lastProgress);
      if (wait <= 0) emit(false);
      else pending = setTimeout(() => ((pending = undefined), emit(false)), wait);
    };
    const counted = (async function* () {
      for await (const chunk of body) {
        bytesRead += chunk.length;
        progress();
        yield chunk;
      }
    })();
    const reject = (e: RowError) => {
      rejected++;
      if (errors.length < maxErrors) errors.push(e);
    };
    const rows = (async function* (): AsyncGenerator<ImportRow> {
      const required = q.format === 'csv' ? [mapping.text] : undefined;
      for await (const rec of readRecords(q.format, counted, { requiredColumns: required })) {
        rowsRead++;
        progress();
        if ('error' in rec) {
          reject({ line: rec.line, message: rec.error });
          continue;
        }
        const m = mapRecord(rec, mapping, labels, { ...mapLimits, embeddingDim: embeddingDim ?? undefined });
        if (!m.ok) {
          reject(m.error);
          continue;
        }
        if (m.item.embedding && firstVectorLine === null) {
          firstVectorLine = m.item.line;
          embeddingDim = m.item.embedding.length;
        }
        if (rejected === 0 || q.onError === 'skip') yield m.item;
      }
    })();

    let outcome;
    try {
      outcome = await this.items.importRows(
        projectId,
        { overlap: project.overlap, overlapFraction: project.overlapFraction },
        rows,
        () => rejected === 0 || q.onError === 'skip',
        // The import's own statements (COPY runs as long as the upload) get the upload's time, not the api's.
        {
          signal: deadline,
          statementTimeoutMs: this.limits.uploadTimeoutMs,
          embeddingDim: () => (firstVectorLine === null ? null : embeddingDim),
        },
      );
    } catch (err) {
      if (err instanceof IngestFileError) {
        const path = `line ${err.line}`;
        throw new ArbiterError(ErrorCode.BadFile, `${path}: ${err.message}; nothing was imported`, [{ path, message: err.message }]);
      }
      throw err;
    } finally {
      clearTimeout(pending);
      emit(true);
    }
    const report: ImportReport = {
      importId,
      committed: outcome.committed,
      rowsRead,
      inserted: outcome.inserted,
      duplicates: outcome.duplicates,
      rejected,
      errors,
      errorsTruncated: rejected > errors.length,
    };
    if (outcome.embeddingDimConflict && firstVectorLine !== null && q.embeddingField) {
      // Another import fixed the project's length while this one was read: every vector here is the wrong length.
      const { projectDim } = outcome.embeddingDimConflict;
      const message = `embedding has ${embeddingDim} numbers, but this project's vectors have ${projectDim} (set by an import that finished meanwhile)`;
      const error = { line: firstVectorLine, field: q.embeddingField, message };
      throw new ArbiterError(
        ErrorCode.ImportRejected,
        `line ${firstVectorLine}: ${q.embeddingField}: ${message}; nothing was imported`,
        [{ path: `line ${firstVectorLine}: ${q.embeddingField}`, message }],
        { report: { ...report, committed: false, inserted: 0, duplicates: 0, errors: [error, ...errors].slice(0, maxErrors) } },
      );
    }
    if (!outcome.committed) {
      throw new ArbiterError(
        ErrorCode.ImportRejected,
        `${rejected} bad row(s); nothing was imported (first at line ${errors[0]?.line})`,
        errors.map((e) => ({ path: `line ${e.line}${e.field ? `: ${e.field}` : ''}`, message: e.message })),
        { report },
      );
    }
    if (outcome.inserted > 0) {
      this.events.countersChanged(projectId);
      // New items get the enabled LFs' votes (only the new ones are evaluated).
      this.lfProducer.afterChange(projectId);
    }
    return report;
  }
}
