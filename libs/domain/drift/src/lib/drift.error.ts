// Input that a drift statistic cannot be computed from: raised before any number is reported.

export enum DriftErrorCode {
  EmptySample = 'DRIFT_EMPTY_SAMPLE',
  NotFinite = 'DRIFT_NOT_FINITE',
  InvalidBins = 'DRIFT_INVALID_BINS',
  InvalidProbability = 'DRIFT_INVALID_PROBABILITY',
}

/** `path` names the offending argument (`reference`, `current[12]`, `bins`), for `{ path, message }` errors. */
export class DriftError extends Error {
  constructor(
    readonly code: DriftErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'DriftError';
  }
}

/** A sorted Float64Array copy of a sample, after checking it is non-empty and finite. */
export function sortedSample(values: ArrayLike<number>, path: string): Float64Array {
  if (values.length === 0) throw new DriftError(DriftErrorCode.EmptySample, path, `${path} has no values`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DriftError(DriftErrorCode.NotFinite, `${path}[${i}]`, `${path}[${i}] is not a finite number`);
    }
    out[i] = v;
  }
  return out.sort();
}
