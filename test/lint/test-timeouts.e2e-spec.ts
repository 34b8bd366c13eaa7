// Every test and hook in the end-to-end and integration tiers names its own timeout: jest's 5 s default is too
// short for a loaded 2-core CI, and a test that times out there for no reason teaches people to ignore red.
// Reads the files with the TypeScript parser, so formatting and comments cannot fool the check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');

// Where the timeout goes: `it(name, fn, timeout)`, `beforeAll(fn, timeout)`.
const TIMEOUT_ARG: Record<string, number> = { it: 2, test: 2, beforeAll: 1, afterAll: 1, beforeEach: 1, afterEach: 1 };
// Modifiers that keep the same arguments: `it.only(...)`, `it.skip(...)`, `test.concurrent(...)`, `it.each(t)(...)`.
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing', 'each']);

// Files allowed to miss a timeout for now (none). An entry that no longer misses one fails the check, so this list
// can only shrink.
const PENDING = new Set<string>([]);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = resolve(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.e2e-spec.ts') || name.endsWith('.int-spec.ts')) out.push(relative(ROOT, path));
  }
  return out;
}

/** The jest function a call invokes (`it`, `beforeAll`, …), seen through `.only`/`.each(table)`, or null. */
function jestFunction(call: ts.CallExpression): string | null {
  let callee: ts.Expression = call.expression;
  // `it.each(table)(name, fn, timeout)`: the outer call carries the arguments.
  if (ts.isCallExpression(callee)) callee = callee.expression;
  while (ts.isPropertyAccessExpression(callee) && MODIFIERS.has(callee.name.text)) callee = callee.expression;
  return ts.isIdentifier(callee) && callee.text in TIMEOUT_ARG ? callee.text : null;
}

/** "file:line name" for every test or hook in the source that lacks its timeout argument. */
export function missingTimeouts(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const missing: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const fn = jestFunction(node);
      // `it.each(table)` itself is only the inner half of the call.
      const inner = ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'each';
      if (fn && !inner && node.arguments.length <= TIMEOUT_ARG[fn]) {
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        missing.push(`${file}:${line + 1} ${fn}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return missing;
}

describe('explicit test timeouts', () => {
  const files = walk(ROOT).sort();

  it('finds the end-to-end and integration specs', () => {
    expect(files).toContain('test/ingest.e2e-spec.ts');
    expect(files).toContain('libs/server/data-access/src/lib/repositories/agreement.repository.int-spec.ts');
  }, 30_000);

  it('recognises every form of test and hook, with and without a timeout', () => {
    const src = [
      "it('a', async () => undefined);",
      "it('b', async () => undefined, 1000);",
      "it.each([1, 2])('c %i', async () => undefined);",
      "it.each([1, 2])('d %i', async () => undefined, 1000);",
      'beforeAll(() => undefined);',
      'afterEach(async () => undefined, 1000);',
      "describe('e', () => { test.skip('f', () => undefined); });",
      'item.it(1); const x = { it: 1 };',
    ].join('\n');
    expect(missingTimeouts('x.ts', src)).toEqual(['x.ts:1 it', 'x.ts:3 it', 'x.ts:5 beforeAll', 'x.ts:7 test']);
  }, 30_000);

  it('every it/test and before/after hook passes a timeout', () => {
    const missing = files.filter((f) => !PENDING.has(f)).flatMap((f) => missingTimeouts(f, readFileSync(resolve(ROOT, f), 'utf8')));
    expect(missing).toEqual([]);
  }, 30_000);

  it('the pending list holds only files that still miss a timeout', () => {
    const done = [...PENDING].filter((f) => !files.includes(f) || missingTimeouts(f, readFileSync(resolve(ROOT, f), 'utf8')).length === 0);
    expect(done).toEqual([]);
  }, 30_000);
});
