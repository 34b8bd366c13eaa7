import { mulberry32 } from '@arbiter/util/random';
import { simulate } from './simulate';

/** Short texts from three topics with disjoint vocabularies, so a few labels suffice to separate them. */
function corpus(n: number, seed: number) {
  const words = [
    ['goal', 'match', 'striker', 'league', 'coach', 'season', 'score'],
    ['market', 'shares', 'profit', 'stocks', 'investor', 'bank', 'earnings'],
    ['software', 'chip', 'internet', 'laptop', 'startup', 'code', 'server'],
  ];
  const random = mulberry32(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const texts = labels.map((y) => Array.from({ length: 6 }, () => words[y][Math.floor(random() * 7)]).join(' '));
  return { texts, labels };
}

describe('simulate (the loop the al:simulate command runs)', () => {
  const train = corpus(150, 1);
  const test = corpus(60, 2);
  const options = { train, test, seed: 4, initial: 6, batch: 6, budget: 30 };

  it('spends the initial labels, then a batch per round up to the budget, measuring each model', async () => {
    const result = await simulate({ ...options, strategy: 'hybrid' });
    expect(result.points.map((p) => p.labels)).toEqual([6, 12, 18, 24, 30]);
    result.points.forEach((p) => expect(p.accuracy).toBeGreaterThanOrEqual(0));
    // Three separable topics: the full-data model classifies the held-out texts (nearly) perfectly.
    expect(result.fullAccuracy).toBeGreaterThan(0.95);
    expect(result.points.at(-1)?.accuracy).toBeGreaterThan(0.9);
  }, 120_000);

  it('starts every strategy from the same seeded labels, and repeats itself for a seed', async () => {
    const a = await simulate({ ...options, strategy: 'margin' });
    const b = await simulate({ ...options, strategy: 'random' });
    const again = await simulate({ ...options, strategy: 'margin' });
    expect(a.points[0]).toEqual(b.points[0]);
    expect(again).toEqual(a);
  }, 120_000);
});
