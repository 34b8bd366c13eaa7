// Runs the active-learning simulator as child processes, a few at a time, and caches each run's result file so a
// re-run of the benchmark only does what is missing. A result is checked against the simulator's contract before it
// is cached: a run that printed a malformed file fails loudly instead of drawing a wrong curve.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { progressBar } from './report';

const ROOT = resolve(__dirname, '../..');

// The contract of `al:simulate --out`: points in strictly increasing labels.
const SimulationResultSchema = z.object({
  strategy: z.string(),
  seed: z.number().int(),
  fullAccuracy: z.number().min(0).max(1),
  points: z
    .array(z.object({ labels: z.number().int().nonnegative(), accuracy: z.number().min(0).max(1) }))
    .min(1)
    .refine((ps) => ps.every((p, i) => i === 0 || p.labels > ps[i - 1].labels), 'points must be in strictly increasing labels'),
});
export type SimulationResult = z.infer<typeof SimulationResultSchema>;

export interface SimulationJob {
  dataset: string;
  strategy: string;
  seed: number;
  /** Everything after the command but `--out`. */
  args: string[];
  /** Readable, and changes with the arguments, the data written and the command line. */
  key: string;
}

export function simulationJob(spec: { dataset: string; strategy: string; seed: number; trainPath: string; testPath: string; initial: number; batch: number; budget: number; dataHash: string; command: string }): SimulationJob {
  const { dataset, strategy, seed, initial, batch, budget } = spec;
  const args = ['--train', spec.trainPath, '--test', spec.testPath, '--strategy', strategy, '--seed', `${seed}`, '--initial', `${initial}`, '--batch', `${batch}`, '--budget', `${budget}`];
  const digest = createHash('sha256').update(`${spec.command}\n${spec.dataHash}`).digest('hex').slice(0, 12);
  return { dataset, strategy, seed, args, key: `${dataset}-${strategy}-seed${seed}-initial${initial}-batch${batch}-budget${budget}-${digest}` };
}

function readResult(path: string, job: SimulationJob): SimulationResult {
  const result = SimulationResultSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  if (result.strategy !== job.strategy || result.seed !== job.seed) {
    throw new Error(`${path} is ${result.strategy} seed ${result.seed}, expected ${job.strategy} seed ${job.seed}`);
  }
  return result;
}

/** Runs one job; the result lands in `<cacheDir>/<key>.json` only once it has been read back and checked. */
function runOne(command: string[], job: SimulationJob, cacheDir: string): Promise<SimulationResult> {
  const partial = join(cacheDir, `${job.key}.partial.json`);
  const done = join(cacheDir, `${job.key}.json`);
  return new Promise((resolveRun, reject) => {
    const child = spawn(command[0], [...command.slice(1), ...job.args, '--out', partial], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    // The simulator's own progress bar goes to stderr; keep the tail for the error message, show none of it.
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      try {
        if (code !== 0) throw new Error(`exited with ${signal ?? `code ${code}`}`);
        const result = readResult(partial, job);
        renameSync(partial, done);
        resolveRun(result);
      } catch (error) {
        rmSync(partial, { force: true });
        const tail = stderr.replace(/\r/g, '\n').trim().split('\n').slice(-15).join('\n');
        // `npm run --silent` says nothing at all about a missing script: give the command line to try by hand.
        const ran = [...command, ...job.args, '--out', partial].join(' ');
        reject(new Error(`${(error as Error).message}\n$ ${ran}\n${tail || '(nothing on stderr)'}`));
      }
    });
  });
}

export interface RunOutcome {
  results: Map<string, SimulationResult>;
  failures: { job: SimulationJob; error: Error }[];
}

/**
 * Runs the jobs whose result is not cached (all of them with `fresh`), at most `parallel` at once, with one progress
 * bar on stderr. A failed run does not stop the others (they are cached for the next attempt); it is reported back.
 */
export async function runSimulations({ command, jobs, cacheDir, fresh, parallel }: { command: string[]; jobs: SimulationJob[]; cacheDir: string; fresh: boolean; parallel: number }): Promise<RunOutcome> {
  mkdirSync(cacheDir, { recursive: true });
  const results = new Map<string, SimulationResult>();
  const failures: RunOutcome['failures'] = [];
  const missing = jobs.filter((job) => {
    const path = join(cacheDir, `${job.key}.json`);
    if (fresh || !existsSync(path)) return true;
    results.set(job.key, readResult(path, job));
    return false;
  });
  console.log(`${jobs.length} runs: ${jobs.length - missing.length} cached in ${cacheDir}, ${missing.length} to run, ${parallel} at a time`);
  if (missing.length === 0) return { results, failures };
  const bar = progressBar(missing.length);
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const job = missing[next++];
      try {
        results.set(job.key, await runOne(command, job, cacheDir));
      } catch (error) {
        failures.push({ job, error: error as Error });
      }
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, missing.length) }, worker));
  return { results, failures };
}
