// Calibration: temperature scaling fitted on held-out rows, and the expected calibration error that measures it.
// Pure TypeScript; the classifier uses it after training, the review loop (cost-sensitive routing) on verdicts.
export { fitTemperature, softmaxWithTemperature, temperatureNll } from './lib/temperature';
export type { LogitRows } from './lib/temperature';
export { calibrationBin, expectedCalibrationError } from './lib/expected-calibration-error';
export type { ProbabilityRows } from './lib/expected-calibration-error';
