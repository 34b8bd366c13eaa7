// Builds the server (tsc + path rewrite) and the web UI (vite) into dist/.
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

export function buildServer() {
  console.log('› building api and worker…');
  run('npx --no-install tsc -p tsconfig.build.json');
  run('npx --no-install tsc-alias -p tsconfig.build.json');
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
