import { INGEST_FORMATS, type ImportProgressEvent } from '@arbiter/contracts';
import { errorView, importRejection, randomId, useImportItems } from '@arbiter/web/data-access';
import { Card, ErrorMessage, ProgressBar } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { formatFromFileName, type IngestFormat } from '../import-format';
import { ImportReportView } from './import-report-view';

export interface ImportPanelProps {
  projectId: string;
  /** The latest `import:progress` event of the project, from the socket. */
  progress: ImportProgressEvent | null;
}

interface Mapping {
  textField: string;
  externalIdField: string;
  goldField: string;
  predictionField: string;
  metadataFields: string;
  onError: 'reject' | 'skip';
}

const MAPPING_FIELDS: { key: Exclude<keyof Mapping, 'onError'>; label: string; placeholder: string }[] = [
  { key: 'textField', label: 'Text field', placeholder: 'text' },
  { key: 'externalIdField', label: 'External id field', placeholder: 'optional, e.g. id' },
  { key: 'goldField', label: 'Gold label field', placeholder: 'optional' },
  { key: 'predictionField', label: 'Model prediction field', placeholder: 'optional' },
  { key: 'metadataFields', label: 'Metadata fields', placeholder: 'a,b (default: all other fields)' },
];

export function ImportPanel({ projectId, progress }: ImportPanelProps) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<IngestFormat>('csv');
  const [mapping, setMapping] = useState<Mapping>({
    textField: 'text',
    externalIdField: '',
    goldField: '',
    predictionField: '',
    metadataFields: '',
    onError: 'reject',
  });
  const [importId, setImportId] = useState<string | null>(null);
  const importItems = useImportItems(projectId);

  const pickFile = (f: File | null) => {
    setFile(f);
    const guessed = f && formatFromFileName(f.name);
    if (guessed) setFormat(guessed);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    // The id ties this upload to its `import:progress` events.
    const id = randomId();
    setImportId(id);
    const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
    importItems.mutate({
      file,
      query: {
        format,
        onError: mapping.onError,
        textField: opt(mapping.textField),
        externalIdField: opt(mapping.externalIdField),
        goldField: opt(mapping.goldField),
        predictionField: opt(mapping.predictionField),
        metadataFields: opt(mapping.metadataFields),
        importId: id,
      },
    });
  };

  const mine = progress && progress.importId === importId ? progress : null;
  const rejected = importItems.isError ? importRejection(importItems.error) : null;

  return (
    <Card title="Import items" testId="import">
      <form className="form" onSubmit={submit} aria-label="Import items">
        <div className="form__row">
          <label className="field">
            <span>File (CSV, JSONL or JSON)</span>
            <input
              type="file"
              accept=".csv,.jsonl,.ndjson,.json,text/csv,application/json"
              onChange={(e) => pickFile(e.target.files?.[0] ?? null)}
              data-testid="import-file"
            />
          </label>
          <label className="field">
            <span>Format</span>
            <select
              value={format}
              onChange={(e) => setFormat(INGEST_FORMATS.find((f) => f === e.target.value) ?? format)}
              data-testid="import-format"
            >
              {INGEST_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>On a bad row</span>
            <select
              value={mapping.onError}
              onChange={(e) => setMapping((m) => ({ ...m, onError: e.target.value === 'skip' ? 'skip' : 'reject' }))}
              data-testid="import-on-error"
            >
              <option value="reject">reject the whole file</option>
              <option value="skip">skip the row, import the rest</option>
            </select>
          </label>
        </div>
        <div className="form__grid">
          {MAPPING_FIELDS.map((f) => (
            <label key={f.key} className="field">
              <span>{f.label}</span>
              <input
                value={mapping[f.key]}
                placeholder={f.placeholder}
                onChange={(e) => setMapping((m) => ({ ...m, [f.key]: e.target.value }))}
                data-testid={`import-${f.key}`}
              />
            </label>
          ))}
        </div>
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={!file || importItems.isPending} data-testid="import-submit">
            {importItems.isPending ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {importItems.isPending && file && (
        <ProgressBar
          value={mine?.bytesRead ?? 0}
          max={mine ? file.size : null}
          label={mine ? `${mine.rowsRead} rows read` : 'Uploading…'}
          testId="import-progress"
        />
      )}
      {importItems.isSuccess && <ImportReportView report={importItems.data} />}
      {importItems.isError && (
        <>
          <ErrorMessage
            message={errorView(importItems.error).message}
            // The report's table already lists the row errors with their lines.
            details={rejected && rejected.errors.length > 0 ? [] : errorView(importItems.error).details}
            testId="import-error"
          />
          {rejected && <ImportReportView report={rejected} />}
        </>
      )}
    </Card>
  );
}
