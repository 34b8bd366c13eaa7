import type { SelectionReason } from '@arbiter/contracts';
import { chosenByText } from '../provenance';

export interface ChosenByProps {
  reason: SelectionReason;
}

/** Why active learning put this item in front of the annotator: small, under the item, with its rank on hover. */
export function ChosenBy({ reason }: ChosenByProps) {
  return (
    <p className="item__chosen-by muted" title={`Rank ${reason.rank + 1} in its round`} data-testid="chosen-by">
      {chosenByText(reason)}
    </p>
  );
}
