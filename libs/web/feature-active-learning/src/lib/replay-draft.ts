// The replay form's state (which strategies, how many seeds, the initial sample, the batch and the label budget),
// checked by the shared contract.
import { createReplaySchema, REPLAY_STRATEGIES, type CreateReplay } from '@arbiter/contracts';
import { parseNumber, type DraftErrors } from './al-settings-draft';

export type ReplayStrategy = (typeof REPLAY_STRATEGIES)[number];

export interface ReplayDraft {
  strategies: ReplayStrategy[];
  seeds: string;
  initial: string;
  batch: string;
  budget: string;
}

// Random is the baseline every ratio is taken against; margin and hybrid are the usual contenders.
export const DEFAULT_REPLAY_DRAFT: ReplayDraft = { strategies: ['random', 'margin', 'hybrid'], seeds: '3', initial: '16', batch: '50', budget: '500' };

/** Ticks or unticks a strategy, keeping the contract's order so the request reads the same whatever the clicks. */
export function toggleStrategy(selected: readonly ReplayStrategy[], strategy: ReplayStrategy): ReplayStrategy[] {
  const next = new Set(selected);
  if (next.has(strategy)) next.delete(strategy);
  else next.add(strategy);
  return REPLAY_STRATEGIES.filter((s) => next.has(s));
}

function friendlyMessage(path: string, message: string): string {
  switch (path) {
    case 'strategies':
      return 'Pick at least one strategy';
    case 'seeds':
      return 'A whole number from 1 to 10';
    case 'initial':
      return 'A whole number from 1 to 10,000';
    case 'batch':
      return 'A whole number from 1 to 1,000';
    case 'budget':
      return 'A whole number from 2 to 100,000';
    default:
      return message;
  }
}

export function toCreateReplay(d: ReplayDraft): { ok: true; value: CreateReplay } | { ok: false; errors: DraftErrors } {
  const parsed = createReplaySchema.safeParse({
    strategies: d.strategies,
    seeds: parseNumber(d.seeds),
    initial: parseNumber(d.initial),
    batch: parseNumber(d.batch),
    budget: parseNumber(d.budget),
  });
  const errors: DraftErrors = {};
  if (parsed.success) {
    if (parsed.data.budget <= parsed.data.initial) errors['budget'] = 'More than the initial sample: the budget counts it';
    else return { ok: true, value: parsed.data };
  } else {
    for (const issue of parsed.error.issues) {
      // An issue inside the list (not one of the names) still belongs to the strategies field.
      const path = issue.path[0] === 'strategies' ? 'strategies' : issue.path.join('.');
      errors[path] ??= friendlyMessage(path, issue.message);
    }
  }
  return { ok: false, errors };
}
