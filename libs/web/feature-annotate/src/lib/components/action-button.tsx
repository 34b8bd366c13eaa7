import { Kbd } from '@arbiter/web/ui';

export interface ActionButtonProps {
  label: string;
  keyName: string;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
  testId?: string;
}

/** A button for an action that also has a key, with the key printed on it. */
export function ActionButton({ label, keyName, onClick, disabled, primary, testId }: ActionButtonProps) {
  return (
    <button
      type="button"
      className={primary ? 'btn btn--primary' : 'btn'}
      onClick={onClick}
      disabled={disabled}
      aria-keyshortcuts={keyName}
      data-testid={testId}
    >
      <Kbd keyName={keyName} /> {label}
    </button>
  );
}
