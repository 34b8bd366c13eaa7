// `arbiter al simulate` and `npm run al:simulate` (the same command under two names): `--train T.jsonl --test E.jsonl
// --strategy S --seed N --initial I --batch B --budget N --out R.json` replays the active-learning loop (the worker's
// features, model and sampling code) on labeled JSON lines and writes the learning curve. A progress bar and help go
// to stderr; stdout stays empty.
import { writeFileSync } from 'node:fs';
import { simulate } from '@arbiter/ml/active-learning';
import { selectBackend } from '@arbiter/ml/classifier';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { readLabeledJsonl } from './read-labeled-jsonl';

const STRATEGIES = ['random', 'least-confidence', 'margin', 'entropy', 'k-center', 'kmeans-pp', 'hybrid'] as const;

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
    return n;
  };
}

/** Adds the simulation's options and action to `command` (a new top-level command, or `al simulate`). */
export function configureAlSimulate(command: Command): Command {
  return command
    .description('Replay active learning on labeled JSON lines {"text", "label"} and write the learning curve')
    .requiredOption('--train <file>', 'pool: JSON lines {"text": string, "label": 0..k-1}')
    .requiredOption('--test <file>', 'held-out rows in the same format')
    .addOption(new Option('--strategy <name>', 'sampling strategy').choices(STRATEGIES).makeOptionMandatory())
    .requiredOption('--seed <n>', 'seed for the initial sample, sampling and model', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('seed must be an integer');
      return n;
    })
    .requiredOption('--initial <n>', 'random labels to start from', positiveInt('initial'))
    .requiredOption('--batch <n>', 'labels per round', positiveInt('batch'))
    .requiredOption('--budget <n>', 'labels in total', positiveInt('budget'))
    .requiredOption('--out <file>', 'where to write the result JSON')
    .addOption(new Option('--model <kind>', 'classifier').choices(['logreg', 'mlp']).default('logreg'))
    .addOption(new Option('--warm-up <labels>', 'labels below which uncertainty strategies pick by diversity').argParser(positiveInt('warm-up')))
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) })
    .action(runSimulation);
}

async function runSimulation(o: {
  train: string; test: string; strategy: (typeof STRATEGIES)[number]; seed: number; initial: number; batch: number; budget: number;
  out: string; model: 'logreg' | 'mlp'; warmUp?: number;
}) {
  const train = readLabeledJsonl(o.train);
  const test = readLabeledJsonl(o.test);
  await selectBackend({ log: (m) => process.stderr.write(`${m}\n`) });
  const budget = Math.min(o.budget, train.texts.length);
  const bar = new SingleBar({ stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, format: `${o.strategy} seed ${o.seed} [{bar}] {value}/{total} labels · accuracy {accuracy}`, hideCursor: true });
  bar.start(budget, 0, { accuracy: '-' });
  const result = await simulate({
    train, test, strategy: o.strategy, seed: o.seed, initial: o.initial, batch: o.batch, budget, kind: o.model, warmUpLabels: o.warmUp,
    onRound: (labels, accuracy) => bar.update(labels, { accuracy: accuracy.toFixed(3) }),
  });
  bar.stop();
  writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
}
