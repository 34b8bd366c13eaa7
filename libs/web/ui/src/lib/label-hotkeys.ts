// Which key picks which label: a label's own hotkey, else its 1-based number for the first nine.
// Action keys (skip, undo, reload) always win so a label can never shadow them.
import type { LabelDef } from '@arbiter/contracts';

export const ACTION_KEYS = { submit: 'Enter', skip: 's', undo: 'u', reload: 'r', guidelines: '?' } as const;
export const RESERVED_LABEL_KEYS: readonly string[] = [ACTION_KEYS.skip, ACTION_KEYS.undo, ACTION_KEYS.reload];

/** The key shown on (and handled for) each label, by label id; `null` when it gets none. */
export function labelHotkeys(labels: readonly Pick<LabelDef, 'hotkey'>[]): (string | null)[] {
  const explicit = new Set(
    labels.map((l) => l.hotkey).filter((k): k is string => k !== undefined && !RESERVED_LABEL_KEYS.includes(k)),
  );
  return labels.map((l, i) => {
    if (l.hotkey !== undefined) return RESERVED_LABEL_KEYS.includes(l.hotkey) ? null : l.hotkey;
    const n = String(i + 1);
    return i < 9 && !explicit.has(n) ? n : null;
  });
}
