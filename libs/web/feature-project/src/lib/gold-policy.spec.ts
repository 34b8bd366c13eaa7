/// <reference types="jest" />
import { checksText, goldPolicyText } from './gold-policy';

describe('goldPolicyText', () => {
  it.each([
    [{ goldShare: 0, minGoldAccuracy: 0.6, minGoldAnswers: 2 }, 'No gold checks: set a share of tasks in the settings to measure accuracy against gold.'],
    [{ goldShare: 0.25, minGoldAccuracy: null, minGoldAnswers: 5 }, "Gold checks are 25% of each annotator's tasks; nobody is paused for inaccuracy."],
    [{ goldShare: 0.25, minGoldAccuracy: 0.6, minGoldAnswers: 2 }, "Gold checks are 25% of each annotator's tasks; after 2 checks, accuracy under 60% pauses them."],
    [{ goldShare: 0.1, minGoldAccuracy: 0.875, minGoldAnswers: 1 }, "Gold checks are 10% of each annotator's tasks; after 1 check, accuracy under 87.5% pauses them."],
  ])('%j', (policy, text) => {
    expect(goldPolicyText(policy)).toBe(text);
  });
});

describe('checksText', () => {
  it.each([
    [{ answered: 0, correct: 0, accuracy: null }, 'none yet'],
    [{ answered: 3, correct: 2, accuracy: 2 / 3 }, '2 of 3 right'],
  ])('%j → %s', (checks, text) => {
    expect(checksText(checks)).toBe(text);
  });
});
