import { Kbd } from './kbd';

export interface LabelButtonProps {
  name: string;
  hotkey: string | null;
  selected: boolean;
  /** The model's probability for this label when it is the top suggestion. */
  suggestedProbability?: number | null;
  description?: string;
  onToggle: () => void;
}

export function LabelButton({ name, hotkey, selected, suggestedProbability, description, onToggle }: LabelButtonProps) {
  const suggested = suggestedProbability !== undefined && suggestedProbability !== null;
  const classes = ['label-button', selected ? 'is-selected' : '', suggested ? 'is-suggested' : ''].filter(Boolean);
  return (
    <button
      type="button"
      className={classes.join(' ')}
      aria-pressed={selected}
      title={description}
      data-testid={`label-${name}`}
      onClick={onToggle}
    >
      {hotkey !== null && <Kbd keyName={hotkey} />}
      <span className="label-button__name">{name}</span>
      {suggested && (
        <span className="label-button__suggestion" data-testid="suggestion">
          model {Math.round(suggestedProbability * 100)}%
        </span>
      )}
    </button>
  );
}
