// The active-learning loop shared by the worker and the simulation command: batch selection with the cold-start
// rule, and the replay of the loop on data whose labels are hidden until asked.
export { selectBatch } from './lib/select-batch';
export type { SelectBatchInput, SelectedBatch } from './lib/select-batch';
export { simulate } from './lib/simulate';
export type { LabeledTexts, SimulationInput, SimulationResult } from './lib/simulate';
