import { AL_STRATEGIES, type AlStrategy } from '@arbiter/contracts';
import { STRATEGY_EXPLANATIONS, STRATEGY_NAMES } from '../al-format';

export interface StrategySelectProps {
  value: AlStrategy;
  onChange: (strategy: AlStrategy) => void;
  testId: string;
}

/** The sampling strategy, with a line under the select saying what the chosen one picks. */
export function StrategySelect({ value, onChange, testId }: StrategySelectProps) {
  return (
    <label className="field al-strategy">
      <span>Strategy</span>
      <select value={value} onChange={(e) => onChange(e.target.value as AlStrategy)} aria-describedby={`${testId}-explanation`} data-testid={testId}>
        {AL_STRATEGIES.map((s) => (
          <option key={s} value={s} title={STRATEGY_EXPLANATIONS[s]}>
            {STRATEGY_NAMES[s]}
          </option>
        ))}
      </select>
      <span className="hint al-strategy__explanation" id={`${testId}-explanation`} data-testid={`${testId}-explanation`}>
        {STRATEGY_EXPLANATIONS[value]}
      </span>
    </label>
  );
}
