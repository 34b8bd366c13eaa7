// `npm run al:simulate -- …`: installs and builds what it needs (as `npm start` does), then runs the simulation
// command from dist/. Everything but the result file goes to stderr.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureInstall } from './ensure-install.mjs';

const root = resolve(import.meta.dirname, '..');
ensureInstall({ toStderr: true });
const { buildServer } = await import('./build.mjs');
if (!process.env.ARBITER_SKIP_BUILD) buildServer({ toStderr: true });
const run = spawnSync(process.execPath, [resolve(root, 'dist/server/apps/cli/src/al-simulate.main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
