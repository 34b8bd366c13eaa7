// Items and helpers shared by the sandbox specs.
import { compileCodeLf } from './code-lf.sandbox';
import type { CodeLfItem, CodeLfOptions, CodeLfResult } from './code-lf.types';

export const item = (id: string, text: string, metadata: Record<string, unknown> = {}): CodeLfItem => ({
  id,
  text,
  metadata,
});

export const ITEMS: CodeLfItem[] = [
  item('a1', 'check out http://spam.example', { likes: 3 }),
  item('a2', 'great song', { likes: 120, tags: ['music', { lang: 'en' }] }),
  item('a3', 'subscribe to my channel', { likes: 0 }),
  item('a4', 'love this', {}),
];

/** Compiles, evaluates once, disposes. */
export async function runOnce(
  source: string,
  items: readonly CodeLfItem[],
  k = 2,
  options: CodeLfOptions = {},
): Promise<CodeLfResult> {
  const lf = await compileCodeLf(source, options);
  try {
    return await lf.evaluate(items, k);
  } finally {
    lf.dispose();
  }
}

export const MIB = 1024 * 1024;
