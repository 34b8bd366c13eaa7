import { countdownText, reasonText } from './review-words';

const LABELS = ['ham', 'spam', 'fraud'];

describe('reasonText', () => {
  it.each([
    [{ kind: 'expected-cost', minExpectedCost: 0.5, reviewCost: 0.2 }, 'Acting on the cheapest label would still cost 0.5 on average, more than a review (0.2).'],
    [{ kind: 'expected-cost', minExpectedCost: 1.23456, reviewCost: 0.35 }, 'Acting on the cheapest label would still cost 1.235 on average, more than a review (0.35).'],
    [{ kind: 'confidence-floor', label: 2, confidence: 0.6234, minConfidence: 0.75 }, 'The model is 62.3% sure of fraud, under its floor of 75%.'],
    [{ kind: 'confidence-floor', label: 7, confidence: 0.5, minConfidence: 0.9 }, 'The model is 50% sure of label 7, under its floor of 90%.'],
    [{ kind: 'rule', ruleId: 'vip' }, 'Its metadata matched the routing rule "vip".'],
    [{ kind: 'similar-cases', overturned: 2, neighbours: 3 }, 'Reviewers overturned the model on 2 of the 3 most similar reviewed predictions.'],
    [{ kind: 'audit', share: 0.05 }, 'Picked at random for an audit (5% of confident predictions), to keep measuring the model.'],
  ] as const)('%j', (reason, text) => {
    expect(reasonText(reason, LABELS)).toBe(text);
  }, 5_000);
});

describe('countdownText', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it.each([
    [now + 5_400, 'Due in 5s'],
    [now + 245_000, 'Due in 4m 05s'],
    [now + 7_380_000, 'Due in 2h 03m'],
    [now, 'Due in 0s'],
    [now - 12_000, 'Overdue by 12s'],
    [now - 3_600_000, 'Overdue by 1h 00m'],
  ])('%d', (deadline, text) => {
    expect(countdownText(deadline, now)).toBe(text);
  }, 5_000);
});
