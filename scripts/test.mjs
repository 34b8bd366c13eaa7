// `npm test`: installs what is missing, lints, type-checks, builds, then runs every tier (unit, integration,
// end-to-end, browser) against the machine's real PostgreSQL and Redis. Ends with one line "N passed, N failed".
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureInstall } from './ensure-install.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);
Object.assign(process.env, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' });

ensureInstall();
const { buildServer, buildWeb } = await import('./build.mjs');
const { postgresAnswers, redisAnswers } = await import('./services.mjs');

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('› installing Debian chromium for the browser tests…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!(await postgresAnswers(adminUrl))) {
  console.error(`PostgreSQL does not answer at ${adminUrl}: the integration and end-to-end tiers need it.`);
  process.exit(1);
}
if (!(await redisAnswers(redisUrl))) {
  console.error(`Redis does not answer at ${redisUrl}: the integration and end-to-end tiers need it.`);
  process.exit(1);
}
if (existsSync('test/browser')) ensureChromium();

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
    console.error(`✗ ${name} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync('dist', { recursive: true });
const out = resolve('dist/jest-results.json');
const extra = process.argv.slice(2);
const jest = spawnSync(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--ci', '--maxWorkers=2', '--json', `--outputFile=${out}`, ...extra],
  { stdio: 'inherit', env: process.env },
);
let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
}
if (jest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || jest.status !== 0 ? 1 : 0);
