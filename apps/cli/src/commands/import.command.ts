// `arbiter import --project P FILE`: streams the file to the import route; prints the import report as one JSON line.
import { openAsBlob } from 'node:fs';
import { extname } from 'node:path';
import { INGEST_FORMATS } from '@arbiter/contracts';
import { ArbiterError, type ImportOptions } from '@arbiter/sdk';
import { Command, Option } from 'commander';
import { type CliIo, clientFor, printLine } from '../cli-io';

const BY_EXTENSION: Record<string, ImportOptions['format']> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json' };

interface ImportCommandOptions {
  project: string;
  format?: ImportOptions['format'];
  onError: 'reject' | 'skip';
  textField?: string;
  externalIdField?: string;
  imageUrlField?: string;
  goldField?: string;
  predictionField?: string;
  embeddingField?: string;
  metadataFields?: string;
  importId?: string;
}

export function importCommand(io: CliIo): Command {
  return new Command('import')
    .description('Import items from a CSV, JSON lines or JSON array file; prints the import report as JSON')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--project <id>', 'project id').makeOptionMandatory())
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(INGEST_FORMATS))
    .addOption(new Option('--on-error <mode>', 'reject the whole file on a bad row, or skip bad rows').choices(['reject', 'skip']).default('reject'))
    .option('--text-field <name>', 'field holding the text (default: text)')
    .option('--external-id-field <name>', 'field holding your own id (re-imports skip known ids)')
    .option('--image-url-field <name>', 'field holding an image URL')
    .option('--gold-field <name>', 'field holding a gold label')
    .option('--prediction-field <name>', 'field holding a model prediction')
    .option('--embedding-field <name>', 'field holding a vector')
    .option('--metadata-fields <a,b,…>', 'fields kept as metadata')
    .option('--import-id <uuid>', 'idempotency key: retrying with it never imports twice')
    .action(async (file: string, o: ImportCommandOptions) => {
      const format = o.format ?? BY_EXTENSION[extname(file).toLowerCase()];
      if (!format) throw new Error(`cannot tell the format of ${file}: pass --format csv|jsonl|json`);
      const blob = await openAsBlob(file).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
      });
      const { project, format: _format, ...fields } = o;
      try {
        const report = await clientFor(io).items.import(project, blob, { ...fields, format });
        printLine(io.stdout, JSON.stringify(report));
      } catch (error) {
        // A rejected file: say which rows were wrong (the report lists up to the server's limit).
        const report = error instanceof ArbiterError ? (error.body as { report?: { errors?: { line: number; field?: string; message: string }[] } })?.report : undefined;
        for (const e of report?.errors ?? []) printLine(io.stderr, `  line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
        throw error;
      }
    });
}
