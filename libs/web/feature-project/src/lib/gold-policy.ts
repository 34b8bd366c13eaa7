// How the gold-check policy and an annotator's record on it read on the project page.
import type { AnnotatorQuality, Project } from '@arbiter/contracts';
import { percentText } from './percent';

/** One sentence on what the checks are and when they pause someone. */
export function goldPolicyText(p: Pick<Project, 'goldShare' | 'minGoldAccuracy' | 'minGoldAnswers'>): string {
  if (p.goldShare <= 0) return 'No gold checks: set a share of tasks in the settings to measure accuracy against gold.';
  const share = `Gold checks are ${percentText(p.goldShare)}% of each annotator's tasks`;
  if (p.minGoldAccuracy === null) return `${share}; nobody is paused for inaccuracy.`;
  const n = p.minGoldAnswers;
  return `${share}; after ${n} check${n === 1 ? '' : 's'}, accuracy under ${percentText(p.minGoldAccuracy)}% pauses them.`;
}

/** "2 of 3 right", or "none yet". */
export function checksText(checks: AnnotatorQuality['checks']): string {
  return checks.answered === 0 ? 'none yet' : `${checks.correct} of ${checks.answered} right`;
}
