/** Server messages are terse ("item not found"); shown as a sentence in a status line: capitalised, with a full stop. */
export function asSentence(s: string): string {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
