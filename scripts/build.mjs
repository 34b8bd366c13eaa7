// Builds the server (tsc + path rewrite) and the web UI (vite) into dist/.
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// `toStderr`: a command whose stdout is its result (al:simulate) keeps the build's chatter off it.
const run = (cmd, toStderr = false) => execSync(cmd, { cwd: root, stdio: toStderr ? ['ignore', 2, 2] : 'inherit' });

export function buildServer({ toStderr = false } = {}) {
  (toStderr ? console.error : console.log)('› building api, worker and the arbiter CLI…');
  run('npx --no-install tsc -p tsconfig.build.json', toStderr);
  run('npx --no-install tsc-alias -p tsconfig.build.json', toStderr);
}

export function buildWeb() {
  console.log('› building the web UI…');
  run('npx --no-install vite build --config apps/web/vite.config.mts --logLevel warn');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (!args.includes('--web')) buildServer();
  if (!args.includes('--server')) buildWeb();
}
