// Guidelines are plain text with a few markdown habits (headings, bullets, blank-line paragraphs).
// Parsed into blocks that render as React text nodes, so user text is never interpreted as HTML.
export type GuidelinesBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'paragraph'; lines: string[] };

export function guidelinesBlocks(text: string): GuidelinesBlock[] {
  const blocks: GuidelinesBlock[] = [];
  let last: GuidelinesBlock | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      last = null;
    } else if (heading) {
      blocks.push({ kind: 'heading', text: heading[1] });
      last = null;
    } else if (bullet) {
      if (last?.kind === 'list') last.items.push(bullet[1]);
      else blocks.push((last = { kind: 'list', items: [bullet[1]] }));
    } else if (last?.kind === 'paragraph') {
      last.lines.push(line);
    } else {
      blocks.push((last = { kind: 'paragraph', lines: [line] }));
    }
  }
  return blocks;
}
