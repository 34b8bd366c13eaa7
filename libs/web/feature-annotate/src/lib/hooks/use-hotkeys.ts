// Window-level keys for keyboard-first screens; typing in a field never triggers them.
import { useEffect, useRef } from 'react';

/** Returns true when it handled the key (its default action is then suppressed, e.g. Enter on a button). */
export type HotkeyHandler = (key: string) => boolean;

export function useHotkeys(handler: HotkeyHandler): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.repeat) return;
      if (isEditable(e.target)) return;
      const key = e.key.length === 1 && e.key !== '?' ? e.key.toLowerCase() : e.key;
      if (ref.current(key)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
