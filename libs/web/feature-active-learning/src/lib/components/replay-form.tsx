import { REPLAY_STRATEGIES, type CreateReplay } from '@arbiter/contracts';
import { ErrorMessage, type ErrorMessageProps } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { STRATEGY_EXPLANATIONS, STRATEGY_NAMES } from '../al-format';
import type { DraftErrors } from '../al-settings-draft';
import { DEFAULT_REPLAY_DRAFT, toCreateReplay, toggleStrategy, type ReplayDraft } from '../replay-draft';
import { NumberField } from './number-field';

export interface ReplayFormProps {
  /** False while a replay is being started or runs. */
  canStart: boolean;
  starting: boolean;
  error: ErrorMessageProps | null;
  onStart: (body: CreateReplay) => void;
}

/** Which strategies to compare and on what schedule: each runs once per seed from the same initial sample. */
export function ReplayForm({ canStart, starting, error, onStart }: ReplayFormProps) {
  const [draft, setDraft] = useState<ReplayDraft>(DEFAULT_REPLAY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const set = (patch: Partial<ReplayDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toCreateReplay(draft);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    onStart(r.value);
  };

  return (
    <form className="form al-replay-form" onSubmit={submit} aria-label="Replay strategies" noValidate>
      <fieldset className="field al-replay-form__strategies">
        <legend>Strategies</legend>
        <div className="al-replay-form__choices">
          {REPLAY_STRATEGIES.map((s) => (
            <label key={s} className="choice" title={STRATEGY_EXPLANATIONS[s]}>
              <input
                type="checkbox"
                checked={draft.strategies.includes(s)}
                onChange={() => set({ strategies: toggleStrategy(draft.strategies, s) })}
                data-testid={`replay-strategy-${s}`}
              />
              {STRATEGY_NAMES[s]}
            </label>
          ))}
        </div>
        {errors['strategies'] && <span className="field-error">{errors['strategies']}</span>}
      </fieldset>
      <div className="form__row">
        <NumberField label="Seeds" value={draft.seeds} onChange={(seeds) => set({ seeds })} error={errors['seeds']} min={1} max={10} testId="replay-seeds" />
        <NumberField label="Initial sample" value={draft.initial} onChange={(initial) => set({ initial })} error={errors['initial']} min={1} testId="replay-initial" />
        <NumberField label="Batch" value={draft.batch} onChange={(batch) => set({ batch })} error={errors['batch']} min={1} max={1000} testId="replay-batch" />
        <NumberField label="Label budget" value={draft.budget} onChange={(budget) => set({ budget })} error={errors['budget']} min={2} testId="replay-budget" />
      </div>
      <p className="hint">
        Replays re-run the loop on this project’s labeled items, hiding their labels and revealing one batch at a time; random is the baseline the
        ratios are taken against. The budget counts the initial sample.
      </p>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={!canStart || starting} data-testid="replay-start">
          {starting ? 'Starting…' : 'Start replay'}
        </button>
      </div>
      {error && <ErrorMessage {...error} testId="replay-error" />}
    </form>
  );
}
