// Keywords are typed as one text: comma-separated on one line, or one per line (then a keyword may hold a comma).

/** "free, win" → ["free", "win"]: trimmed, blanks dropped, repeats (ignoring case) kept once. */
export function parseKeywords(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const parts = lines.length > 1 ? lines : (lines[0] ?? '').split(',');
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const part of parts) {
    const k = part.trim();
    if (k === '' || seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    keywords.push(k);
  }
  return keywords;
}

/** The text that `parseKeywords` reads back as `keywords`. */
export function keywordsText(keywords: readonly string[]): string {
  return keywords.some((k) => k.includes(',')) ? keywords.join('\n') : keywords.join(', ');
}
