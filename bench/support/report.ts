// Shared helpers for benchmarks: medians, a CLI progress bar, and the RESULTS.md writer.
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function progressBar(total: number) {
  let done = 0;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
  draw();
  return {
    tick() {
      done++;
      draw();
    },
  };
}

const RESULTS = resolve(__dirname, '../RESULTS.md');

/** Replaces the benchmark's section in bench/RESULTS.md with this run's table, machine and date. */
export function recordResult(name: string, table: string[]): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const section = [`## ${name}`, '', `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`, '', ...table, ''].join('\n');
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n\nEach figure is a ratio against a baseline measured in the same run (the machine is shared and noisy).\n\n';
  const re = new RegExp(`## ${name}\\n[\\s\\S]*?(?=\\n## |$)`);
  writeFileSync(RESULTS, re.test(current) ? current.replace(re, () => section) : `${current.trimEnd()}\n\n${section}`);
}
