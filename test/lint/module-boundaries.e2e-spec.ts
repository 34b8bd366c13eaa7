// The Nx tags are enforced: a domain or contracts file that reaches for a framework fails lint.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { childProcessEnv } from '@arbiter/server/config';

const ROOT = resolve(__dirname, '../..');

describe('module boundaries', () => {
  beforeAll(() => {
    // The boundary rule reads Nx's project graph; compute it as `npm test` does.
    execFileSync(process.execPath, [resolve(ROOT, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: ROOT,
      env: { ...childProcessEnv(), NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
  }, 60_000);

  async function boundaryErrors(file: string, code: string): Promise<string[]> {
    // ESLint's flat config is ESM, which jest's module loader cannot import; run the real CLI instead.
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        [resolve(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', resolve(ROOT, file), '--format', 'json'],
        { cwd: ROOT, input: code, encoding: 'utf8' },
      );
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    const [result] = JSON.parse(out) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it('rejects typeorm inside the contracts library', async () => {
    const errors = await boundaryErrors('libs/contracts/src/lib/x.ts', "import { DataSource } from 'typeorm';\nexport const d = DataSource;\n");
    expect(errors.join('\n')).toMatch(/typeorm/);
  }, 60_000);

  it('rejects a server library imported from the web scope', async () => {
    const errors = await boundaryErrors(
      'apps/web/src/x.ts',
      "import { parseConfig } from '@arbiter/server/config';\nexport const p = parseConfig;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);

  it('rejects @nestjs in a util library', async () => {
    const errors = await boundaryErrors(
      'libs/server/config/src/x.ts',
      "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n",
    );
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  }, 60_000);

  it('rejects the model library in the api, which never loads TensorFlow.js', async () => {
    const errors = await boundaryErrors('apps/api/src/x.ts', "import { predictProba } from '@arbiter/ml/classifier';\nexport const p = predictProba;\n");
    expect(errors.length).toBeGreaterThan(0);
    const tf = await boundaryErrors('apps/api/src/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n");
    expect(tf.join('\n')).toMatch(/@tensorflow\/tfjs/);
  }, 60_000);

  it('accepts the model library in the worker', async () => {
    const errors = await boundaryErrors('apps/worker/src/x.ts', "import { predictProba } from '@arbiter/ml/classifier';\nexport const p = predictProba;\n");
    expect(errors).toEqual([]);
  }, 60_000);

  it('accepts the application layer importing data access', async () => {
    const errors = await boundaryErrors(
      'libs/server/application/src/lib/x.ts',
      "import { CounterRepository } from '@arbiter/server/data-access';\nexport const c = CounterRepository;\n",
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
