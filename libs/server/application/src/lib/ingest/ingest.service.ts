// Ingest: the uploaded file is parsed and validated as it streams in and COPYed into PostgreSQL in one
// transaction. "reject" commits nothing when any row is bad; "skip" commits the good rows and reports the rest.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ImportQuery, ImportReport, RowError } from '@arbiter/contracts';
import { IngestFileError, mapRecord, readRecords } from '@arbiter/domain/ingest';
import { ImportRow, ItemRepository } from '@arbiter/server/data-access';
import { LfProducer } from '@arbiter/server/jobs';
import { ArbiterError, ErrorCode } from '../errors/arbiter.error';
import { ProjectEvents } from '../projects/project-events';
import { ProjectService } from '../projects/project.service';

const PROGRESS_EVERY_MS = 250;

@Injectable()
export class IngestService {
  constructor(
    private readonly items: ItemRepository,
    private readonly projects: ProjectService,
    private readonly events: ProjectEvents,
    private readonly lfProducer: LfProducer,
  ) {}

  async importFile(projectId: string, q: ImportQuery, body: AsyncIterable<Uint8Array>, maxErrors = 100): Promise<ImportReport> {
    const project = await this.projects.get(projectId, 'engineer');
    const importId = q.importId ?? randomUUID();
    const labels = { names: project.labelSchema.labels.map((l) => l.name), multi: project.labelSchema.kind === 'multi' };
    const mapping = {
      text: q.textField,
      externalId: q.externalIdField,
      imageUrl: q.imageUrlField,
      gold: q.goldField,
      prediction: q.predictionField,
      metadata: q.metadataFields,
    };
    const errors: RowError[] = [];
    let rejected = 0;
    let rowsRead = 0;
    let bytesRead = 0;
    let lastProgress = 0;
    const progress = (done: boolean) => {
      const now = Date.now();
      if (!done && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      this.events.importProgress({ projectId, importId, rowsRead, bytesRead, done });
    };
    const counted = (async function* () {
      for await (const chunk of body) {
        bytesRead += chunk.length;
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
        progress(false);
        if ('error' in rec) {
          reject({ line: rec.line, message: rec.error });
          continue;
        }
        const m = mapRecord(rec, mapping, labels);
        if (!m.ok) reject(m.error);
        else if (rejected === 0 || q.onError === 'skip') yield m.item;
      }
    })();

    let outcome;
    try {
      outcome = await this.items.importRows(projectId, { overlap: project.overlap, overlapFraction: project.overlapFraction }, rows, () => rejected === 0 || q.onError === 'skip');
    } catch (err) {
      if (err instanceof IngestFileError) {
        const path = `line ${err.line}`;
        throw new ArbiterError(ErrorCode.BadFile, `${path}: ${err.message}; nothing was imported`, [{ path, message: err.message }]);
      }
      throw err;
    } finally {
      progress(true);
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
