// Installs dependencies when node_modules is missing or older than the lockfile. `npm ci` fails against this
// registry (other-platform optional binaries), so it is `npm install` against the committed lockfile.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const marker = resolve(root, 'node_modules/.package-lock.json');
const lock = resolve(root, 'package-lock.json');

export function ensureInstall({ toStderr = false } = {}) {
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!stale) return;
  (toStderr ? console.error : console.log)('› installing dependencies (npm install)…');
  execSync('npm install --no-audit --no-fund --loglevel=error', { cwd: root, stdio: toStderr ? ['ignore', 2, 2] : 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureInstall();
