// Public surface of the chance-corrected agreement coefficients.
export type { KappaWeights, Rating } from './coefficient-result';
export { cohensKappa } from './cohens-kappa';
export type { CohensKappaOptions, CohensKappaResult } from './cohens-kappa';
export { fleissKappa } from './fleiss-kappa';
export type { FleissKappaResult } from './fleiss-kappa';
export { krippendorffAlpha } from './krippendorff-alpha';
export type { KrippendorffAlphaOptions, KrippendorffAlphaResult, MeasurementLevel } from './krippendorff-alpha';
export { pairwiseAgreementMatrix } from './pairwise-agreement';
export type { PairwiseAnnotation, PairwiseAgreementMatrix, PairwiseAgreementOptions } from './pairwise-agreement';
export { bootstrapInterval } from './bootstrap-interval';
export type { BootstrapInterval, BootstrapOptions } from './bootstrap-interval';
export { mulberry32 } from '@arbiter/util/random';
