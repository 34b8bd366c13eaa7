// A key shown on screen, the way the annotate and review views advertise every action.
export interface KbdProps {
  keyName: string;
}

const DISPLAY: Record<string, string> = {
  Enter: '↵ Enter',
  Escape: 'Esc',
  ' ': 'Space',
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
};

export function Kbd({ keyName }: KbdProps) {
  return <kbd className="kbd">{DISPLAY[keyName] ?? keyName}</kbd>;
}
