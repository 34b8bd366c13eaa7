// `arbiter snapshot create|list|pull|diff`: results on stdout (one JSON line, a table), progress on stderr.
import type { LabelPolicy, SnapshotDiff, SnapshotView } from '@arbiter/contracts';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type CliIo, clientFor, printLine } from '../cli-io';
import { pullSnapshot } from './snapshot-pull.action';

export function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
    return n;
  };
}

const versionArg = (value: string) => (value === 'latest' ? value : positiveInt('version')(value));

function policyArg(value: string): Partial<LabelPolicy> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Partial<LabelPolicy>;
  } catch {
    throw new InvalidArgumentError('must be a JSON object, e.g. {"sources":["gold","review"]}');
  }
}

/** The fixed shape: itemIds added and removed, and relabeled items with their old and new label names. */
export function diffJson(diff: SnapshotDiff) {
  return { added: diff.added, removed: diff.removed, relabeled: diff.relabeled.map(({ itemId, from, to }) => ({ itemId, from, to })) };
}

function listTable(snapshots: SnapshotView[]): string[] {
  if (!snapshots.length) return ['no snapshots'];
  return snapshots.map((s) =>
    [`v${s.version}`, s.status.padEnd(8), `${s.rowCount ?? '-'} rows`.padStart(12), s.completedAt ?? s.createdAt, s.contentHash ?? s.error ?? ''].join('  '),
  );
}

export function snapshotCommand(io: CliIo): Command {
  const snapshot = new Command('snapshot').description('Create, list, pull and compare labeled snapshots');
  const project = () => new Option('--project <id>', 'project id').makeOptionMandatory();

  snapshot
    .command('create')
    .description('Start a snapshot build; prints the snapshot as one JSON line (with --wait, once complete)')
    .addOption(project())
    .option('--wait', 'wait until the build completes (exit 1 if it fails)')
    .option('--policy-json <json>', 'label policy, e.g. {"sources":["gold","review"],"includeOpenDisagreements":true}', policyArg)
    .option('--note <text>', 'a note stored with the snapshot')
    .action(async (o: { project: string; wait?: boolean; policyJson?: Partial<LabelPolicy>; note?: string }) => {
      let reported = -1;
      const view = await clientFor(io).snapshots.create(o.project, {
        policy: o.policyJson, note: o.note, wait: o.wait,
        onProgress: (v) => {
          if (v.version !== reported) printLine(io.stderr, `building snapshot v${v.version}…`);
          reported = v.version;
        },
      });
      printLine(io.stdout, JSON.stringify(view));
    });

  snapshot
    .command('list')
    .description('The project’s snapshots, newest first')
    .addOption(project())
    .option('--json', 'print the list as JSON')
    .action(async (o: { project: string; json?: boolean }) => {
      const snapshots = await clientFor(io).snapshots.list(o.project);
      if (o.json) printLine(io.stdout, JSON.stringify(snapshots));
      else for (const line of listTable(snapshots)) printLine(io.stdout, line);
    });

  snapshot
    .command('pull')
    .description('Download a split, verify its content hash and write it to a file (nothing on stdout)')
    .addOption(project())
    .requiredOption('--version <n|latest>', 'snapshot version, or latest', versionArg)
    .addOption(new Option('--split <split>', 'which rows').choices(['train', 'valid', 'test', 'all']).default('all'))
    .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv', 'parquet']).default('jsonl'))
    .requiredOption('-o, --out <file>', 'where to write the rows')
    .action((o) => pullSnapshot(io, clientFor(io), o));

  snapshot
    .command('diff')
    .description('Items added, removed and relabeled between two versions')
    .addOption(project())
    .requiredOption('--from <n>', 'older version', positiveInt('from'))
    .requiredOption('--to <n>', 'newer version', positiveInt('to'))
    .option('--json', 'print {"added","removed","relabeled"} as JSON')
    .action(async (o: { project: string; from: number; to: number; json?: boolean }) => {
      const diff = await clientFor(io).snapshots.diff(o.project, o.from, o.to);
      if (o.json) return void printLine(io.stdout, JSON.stringify(diffJson(diff)));
      printLine(io.stdout, `v${diff.from} → v${diff.to}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.relabeled.length} relabeled, ${diff.sourceChanged.length} with a new source`);
      for (const r of diff.relabeled) printLine(io.stdout, `  ${r.itemId}: ${r.from} → ${r.to}`);
    });

  return snapshot;
}
