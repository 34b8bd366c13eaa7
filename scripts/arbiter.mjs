#!/usr/bin/env node
// `npm run --silent arbiter -- …` and the `arbiter` bin: installs and builds what it needs (as `npm start` does),
// then runs the CLI from dist/. Install and build logs go to stderr, so stdout carries only the command's output.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureInstall } from './ensure-install.mjs';

const root = resolve(import.meta.dirname, '..');
ensureInstall({ toStderr: true });
const { buildServer } = await import('./build.mjs');
if (!process.env.ARBITER_SKIP_BUILD) buildServer({ toStderr: true });
const run = spawnSync(process.execPath, [resolve(root, 'dist/server/apps/cli/src/main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
