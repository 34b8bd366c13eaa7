import { CONSENSUS_METHODS } from '@arbiter/contracts';
import type { ConsensusMethod } from '../project-draft';

export interface ConsensusMethodSelectProps {
  value: ConsensusMethod;
  onChange: (method: ConsensusMethod) => void;
  testId?: string;
}

const NAMES: Record<ConsensusMethod, string> = {
  majority: 'Majority vote',
  'dawid-skene': 'Dawid–Skene (weighs annotators by estimated accuracy)',
};

export function ConsensusMethodSelect({ value, onChange, testId }: ConsensusMethodSelectProps) {
  return (
    <select value={value} onChange={(e) => onChange(CONSENSUS_METHODS.find((m) => m === e.target.value) ?? value)} data-testid={testId}>
      {CONSENSUS_METHODS.map((m) => (
        <option key={m} value={m}>
          {NAMES[m]}
        </option>
      ))}
    </select>
  );
}
