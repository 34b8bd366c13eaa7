// Seeded randomness shared by the domain libraries and the model: the same draws from the same seed everywhere.
export { mulberry32, shuffledIndices } from './lib/mulberry32';
