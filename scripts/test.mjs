// `npm test`: installs what is missing, lints, type-checks, builds, then runs every tier (unit, integration,
// end-to-end, browser) against the machine's real PostgreSQL and Redis. Prints passed/failed/skipped per tier and
// always ends with one line "N passed, N failed" (CI parses it), whatever went wrong before.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ensureInstall } from './ensure-install.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);
Object.assign(process.env, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' });

const out = resolve('dist/jest-results.json');
const extra = process.argv.slice(2);
// The tiers are jest's projects (jest.config.js); browser specs are the e2e project's test/browser/ files.
const TIERS = ['unit', 'integration', 'e2e', 'browser'];

/** The tier of a spec file, by the same globs jest.config.js uses. */
function tierOf(file) {
  const path = relative(root, file);
  if (path.startsWith('test/browser/')) return 'browser';
  if (path.startsWith('test/')) return 'e2e';
  if (path.endsWith('.int-spec.ts')) return 'integration';
  return 'unit';
}

/** Counts per tier from jest's --json results; a file that failed to run at all counts as one failure. */
function countByTier(results) {
  const counts = Object.fromEntries(TIERS.map((t) => [t, { passed: 0, failed: 0, skipped: 0 }]));
  for (const file of results.testResults) {
    const c = counts[tierOf(file.name)];
    for (const a of file.assertionResults) {
      if (a.status === 'passed') c.passed++;
      else if (a.status === 'failed') c.failed++;
      else c.skipped++; // pending, skipped, todo, disabled
    }
    if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')) c.failed++;
  }
  return counts;
}

function closingLine(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
}

async function main() {
  // A results file from an earlier run must never be read as this run's.
  rmSync(out, { force: true });
  ensureInstall();
  const { buildServer, buildWeb } = await import('./build.mjs');
  const { postgresAnswers, redisAnswers } = await import('./services.mjs');

  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await postgresAnswers(adminUrl))) {
    throw new Error(`PostgreSQL does not answer at ${adminUrl}: the integration and end-to-end tiers need it.`);
  }
  if (!(await redisAnswers(redisUrl))) {
    throw new Error(`Redis does not answer at ${redisUrl}: the integration and end-to-end tiers need it.`);
  }

  // Without Chromium the other tiers still run; the browser tier then counts as one failure.
  let browserProblem = null;
  if (existsSync('test/browser') && !existsSync('/usr/bin/chromium')) {
    console.log('› installing Debian chromium for the browser tests…');
    try {
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    } catch (err) {
      browserProblem = `Chromium could not be installed (${err.message.split('\n')[0]}); browser tests not run`;
      console.log(`✗ ${browserProblem}`);
    }
  }

  const steps = [
    ['project graph', () => execSync('npx --no-install nx show projects', { stdio: 'ignore' })],
    ['lint', () => execSync('npx --no-install eslint . --max-warnings 0', { stdio: 'inherit' })],
    ['typecheck (server)', () => execSync('npx --no-install tsc -p tsconfig.json --noEmit', { stdio: 'inherit' })],
    ['typecheck (web)', () => execSync('npx --no-install tsc -p apps/web/tsconfig.json --noEmit', { stdio: 'inherit' })],
    ['build', () => (buildServer(), buildWeb())],
  ];
  for (const [name, fn] of steps) {
    console.log(`› ${name}`);
    try {
      fn();
    } catch {
      throw new Error(`${name} failed`);
    }
  }

  mkdirSync('dist', { recursive: true });
  const ignore = browserProblem ? ['--testPathIgnorePatterns', '/test/browser/'] : [];
  const jest = spawnSync(
    process.execPath,
    ['node_modules/jest/bin/jest.js', '--ci', '--maxWorkers=2', '--json', `--outputFile=${out}`, ...ignore, ...extra],
    { stdio: 'inherit', env: process.env },
  );
  if (!existsSync(out)) throw new Error(`jest wrote no results (exit ${jest.status ?? jest.signal})`);

  const counts = countByTier(JSON.parse(readFileSync(out, 'utf8')));
  const problems = [];
  if (browserProblem) {
    counts.browser.failed++;
    problems.push(browserProblem);
  }
  // A tier that ran nothing is a broken glob or a crashed runner, not a pass. Arguments select a subset on purpose.
  for (const tier of TIERS) {
    const c = counts[tier];
    const ran = c.passed + c.failed;
    if (ran === 0 && extra.length === 0 && !(tier === 'browser' && !existsSync('test/browser'))) {
      c.failed++;
      problems.push(`the ${tier} tier ran no test`);
    }
  }
  console.log('');
  for (const tier of TIERS) {
    const c = counts[tier];
    console.log(`${tier.padEnd(12)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  }
  for (const p of problems) console.log(`✗ ${p}`);
  let passed = 0;
  let failed = 0;
  for (const c of Object.values(counts)) {
    passed += c.passed;
    failed += c.failed;
  }
  if (jest.status !== 0 && failed === 0) failed = 1;
  if (passed + failed === 0) failed = 1;
  return { passed, failed };
}

let result;
try {
  result = await main();
} catch (err) {
  console.log(`✗ ${err?.message ?? err}`);
  result = { passed: 0, failed: 1 };
}
closingLine(result.passed, result.failed);
process.exit(result.failed > 0 ? 1 : 0);
