// Drift monitoring: how far a current sample (production confidences, predicted-class mix, numeric metadata) has
// moved from the reference the model was trained on. Pure functions; golden fixtures from numpy and scipy.
export { quantile } from './lib/quantile';
export { psi, PSI_EMPTY_BIN_SHARE } from './lib/psi';
export type { PsiInput, PsiResult } from './lib/psi';
export { categoricalPsi } from './lib/categorical-psi';
export type { CategoricalPsiResult } from './lib/categorical-psi';
export { ksTwoSample, kolmogorovSf } from './lib/ks-two-sample';
export type { KsResult } from './lib/ks-two-sample';
export { DriftError, DriftErrorCode } from './lib/drift.error';
