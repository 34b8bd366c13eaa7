// The simulation command as a user runs it: `npm run al:simulate -- …` on JSON lines, with its fixed interface
// (flags, the result file's shape, a progress bar on stderr and nothing on stdout) and clear errors for bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const AGNEWS = resolve(ROOT, '../shared/data/agnews-test/test.jsonl');

function run(args: string[]) {
  // The e2e tier runs after the build, so the command need not build again.
  return spawnSync('npm', ['run', 'al:simulate', '--', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ARBITER_SKIP_BUILD: '1' }, timeout: 240_000 });
}

describe('npm run al:simulate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'al-simulate-'));
    const rows = readFileSync(AGNEWS, 'utf8').trim().split('\n').slice(0, 400).map((l) => JSON.parse(l) as { sentence: string; label: number });
    const lines = (from: number, to: number) => rows.slice(from, to).map((r) => JSON.stringify({ text: r.sentence, label: r.label })).join('\n');
    writeFileSync(join(dir, 'train.jsonl'), `${lines(0, 300)}\n`);
    writeFileSync(join(dir, 'test.jsonl'), `${lines(300, 400)}\n`);
    writeFileSync(join(dir, 'bad.jsonl'), `${lines(0, 2)}\n{"text": "fine", "label": "sports"}\n`);
  }, 30_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 30_000);

  it('writes the learning curve, shows progress on stderr and prints nothing to stdout', () => {
    const out = join(dir, 'r.json');
    const args = ['--train', join(dir, 'train.jsonl'), '--test', join(dir, 'test.jsonl'), '--strategy', 'hybrid', '--seed', '3'];
    const result = run([...args, '--initial', '10', '--batch', '25', '--budget', '60', '--out', out]);
    expect(result.stderr).toContain('60/60 labels');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(written).sort()).toEqual(['fullAccuracy', 'points', 'seed', 'strategy']);
    expect(written).toMatchObject({ strategy: 'hybrid', seed: 3 });
    expect(written.points.map((p: { labels: number }) => p.labels)).toEqual([10, 35, 60]);
    for (const p of written.points) expect(p.accuracy).toBeGreaterThanOrEqual(0);
    // Four balanced classes: the model trained on all 300 rows is far better than chance.
    expect(written.fullAccuracy).toBeGreaterThan(0.5);
  }, 240_000);

  it('names the file and line of a bad row, and refuses an unknown strategy', () => {
    const bad = run(['--train', join(dir, 'bad.jsonl'), '--test', join(dir, 'test.jsonl'), '--strategy', 'margin', '--seed', '1', '--initial', '2', '--batch', '1', '--budget', '3', '--out', join(dir, 'x.json')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${join(dir, 'bad.jsonl')} line 3: label`);
    const unknown = run(['--train', join(dir, 'train.jsonl'), '--test', join(dir, 'test.jsonl'), '--strategy', 'oracle', '--seed', '1', '--initial', '2', '--batch', '1', '--budget', '3', '--out', join(dir, 'x.json')]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("option '--strategy <name>' argument 'oracle' is invalid");
    expect(unknown.stdout).toBe('');
  }, 240_000);
});
