// Streams the project's current labels as JSONL or CSV, a keyset page at a time (never built in memory).
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { majorityLabel } from '@arbiter/domain/agreement';
import { ExportRow, ItemRepository } from '@arbiter/server/data-access';
import { ProjectService } from '../projects/project.service';

export interface ExportRecord {
  id: string;
  externalId: string | null;
  text: string;
  imageUrl: string | null;
  metadata: Record<string, unknown>;
  status: string;
  label: string[] | null;
  labelSource: 'gold' | 'annotations' | null;
  gold: string[] | null;
  prediction: number[] | null;
  /** The client's vector (embeddingField at import); JSONL only, the CSV keeps to labels. */
  embedding: number[] | null;
  annotations: { annotator: string; labels: string[]; createdAt: string }[];
  /** The label model's probabilistic label (single-label projects with LFs), kept apart from `label`. */
  weakLabel: { label: string; confidence: number; probabilities: Record<string, number>; conflict: boolean; labelModelId: string } | null;
}

function weakLabelRecord(w: NonNullable<ExportRow['weak']>, names: string[]): NonNullable<ExportRecord['weakLabel']> {
  return {
    label: names[w.label],
    confidence: w.confidence,
    probabilities: Object.fromEntries(names.map((name, c) => [name, w.probabilities[c]])),
    conflict: w.conflict,
    labelModelId: w.labelModelId,
  };
}

@Injectable()
export class ExportService {
  constructor(
    private readonly items: ItemRepository,
    private readonly projects: ProjectService,
  ) {}

  async stream(projectId: string, format: 'jsonl' | 'csv'): Promise<Readable> {
    const project = await this.projects.get(projectId, 'engineer');
    const names = project.labelSchema.labels.map((l) => l.name);
    const kind = project.labelSchema.kind;
    const toRecord = (r: ExportRow): ExportRecord => {
      const voted = majorityLabel({ annotations: r.annotations.map((a) => a.labels), kind });
      const label = r.gold ?? (voted && voted.length ? voted : null);
      return {
        id: r.id,
        externalId: r.externalId,
        text: r.text,
        imageUrl: r.imageUrl,
        metadata: r.metadata,
        status: r.status,
        label: label ? label.map((l) => names[l]) : null,
        labelSource: r.gold ? 'gold' : label ? 'annotations' : null,
        gold: r.gold ? r.gold.map((l) => names[l]) : null,
        prediction: r.prediction,
        embedding: r.embedding,
        annotations: r.annotations.map((a) => ({ annotator: a.annotator, labels: a.labels.map((l) => names[l]), createdAt: a.createdAt })),
        weakLabel: r.weak && weakLabelRecord(r.weak, names),
      };
    };
    const rows = this.items.exportRows(projectId);
    if (format === 'jsonl') {
      return Readable.from(
        (async function* () {
          for await (const r of rows) yield JSON.stringify(toRecord(r)) + '\n';
        })(),
      );
    }
    const csv = stringify({
      header: true,
      // A cell starting with =, +, -, @, tab or CR is prefixed with ' so spreadsheets show it, never run it.
      escape_formulas: true,
      columns: ['id', 'external_id', 'text', 'label', 'label_source', 'gold', 'annotation_count', 'annotations', 'weak_label', 'weak_confidence'],
    });
    void (async () => {
      try {
        for await (const r of rows) {
          const e = toRecord(r);
          const ok = csv.write([e.id, e.externalId, e.text, e.label?.join('|') ?? '', e.labelSource ?? '', e.gold?.join('|') ?? '',
            e.annotations.length, JSON.stringify(e.annotations), e.weakLabel?.label ?? '', e.weakLabel?.confidence ?? '']);
          if (!ok) await new Promise((res) => csv.once('drain', res));
        }
        csv.end();
      } catch (err) {
        csv.destroy(err as Error);
      }
    })();
    return csv;
  }
}
