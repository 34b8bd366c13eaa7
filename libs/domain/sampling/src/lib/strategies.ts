// The strategy names the rest of the app stores and validates (project settings, round records, the API).
export const STRATEGIES = ['random', 'least-confidence', 'margin', 'entropy', 'k-center', 'kmeans-pp', 'hybrid', 'lf-disagreement'] as const;

export type SamplingStrategy = (typeof STRATEGIES)[number];

export function isSamplingStrategy(name: string): name is SamplingStrategy {
  return (STRATEGIES as readonly string[]).includes(name);
}
