import { Kbd } from './kbd';

export interface LabelButtonProps {
  name: string;
  hotkey: string | null;
  selected: boolean;
  /** The model's probability for this label when it is the top suggestion. */
  suggestedProbability?: number | null;
  /** Whose suggestion it is: the model's on the annotate screen, the consensus on the review screen. */
  suggestionSource?: string;
  description?: string;
  onToggle: () => void;
}

export function LabelButton({
  name,
  hotkey,
  selected,
  suggestedProbability,
  suggestionSource = 'model',
  description,
  onToggle,
}: LabelButtonProps) {
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
          {suggestionSource} {Math.round(suggestedProbability * 100)}%
        </span>
      )}
    </button>
  );
}
