/// <reference types="jest" />
import { DEFAULT_REPLAY_DRAFT, toCreateReplay, toggleStrategy } from './replay-draft';

describe('toggleStrategy', () => {
  it('keeps the contract order whatever the click order', () => {
    expect(toggleStrategy(['hybrid'], 'random')).toEqual(['random', 'hybrid']);
    expect(toggleStrategy(['random', 'margin', 'hybrid'], 'margin')).toEqual(['random', 'hybrid']);
  }, 5_000);
});

describe('toCreateReplay', () => {
  it('turns the default draft into a valid request', () => {
    expect(toCreateReplay(DEFAULT_REPLAY_DRAFT)).toEqual({
      ok: true,
      value: { strategies: ['random', 'margin', 'hybrid'], seeds: 3, initial: 16, batch: 50, budget: 500 },
    });
  }, 5_000);

  it('names bad fields, and asks for a budget above the initial sample', () => {
    const r = toCreateReplay({ strategies: [], seeds: '11', initial: '16', batch: '', budget: '500' });
    expect(r).toEqual({
      ok: false,
      errors: { strategies: 'Pick at least one strategy', seeds: 'A whole number from 1 to 10', batch: 'A whole number from 1 to 1,000' },
    });
    expect(toCreateReplay({ ...DEFAULT_REPLAY_DRAFT, budget: '16' })).toEqual({ ok: false, errors: { budget: expect.stringMatching(/initial sample/) } });
  }, 5_000);
});
