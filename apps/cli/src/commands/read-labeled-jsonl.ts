// Reads the simulation's input: one JSON object per line with a string `text` and an integer `label` ≥ 0. A bad
// line stops the run with its file and line number.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const LINE = z.object({ text: z.string(), label: z.number().int().min(0) });

export function readLabeledJsonl(file: string): { texts: string[]; labels: number[] } {
  const texts: string[] = [];
  const labels: number[] = [];
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  content
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${file} line ${i + 1}: not valid JSON`);
      }
      const parsed = LINE.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${file} line ${i + 1}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
      }
      texts.push(parsed.data.text);
      labels.push(parsed.data.label);
    });
  if (!texts.length) throw new Error(`${file}: no rows`);
  return { texts, labels };
}
