// The snapshots screen's keys: `n` starts a new snapshot (engineers and owners), ↓/j and ↑/k move to the older or
// newer version. Window-level; typing in a field, or a key with a modifier, never triggers them.
import { useEffect, useRef } from 'react';

export const SNAPSHOT_KEYS = { newer: ['ArrowUp', 'k'], older: ['ArrowDown', 'j'] } as const;

export interface SnapshotKeyActions {
  create: (() => void) | null;
  move: (step: 1 | -1) => void;
}

export function useSnapshotKeys(actions: SnapshotKeyActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isEditable(e.target)) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const { create, move } = ref.current;
      if (key === 'n' && create && !e.repeat) create();
      else if ((SNAPSHOT_KEYS.older as readonly string[]).includes(key)) move(1);
      else if ((SNAPSHOT_KEYS.newer as readonly string[]).includes(key)) move(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
