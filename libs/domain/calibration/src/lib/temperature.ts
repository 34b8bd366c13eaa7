// Temperature scaling (Guo, Pleiss, Sun & Weinberger 2017, "On Calibration of Modern Neural Networks"): one scalar
// T > 0 divides every logit; T is fitted by minimising the negative log-likelihood on held-out rows. It changes
// confidence, never the predicted class.

export interface LogitRows {
  /** Row-major n × k logits. */
  logits: Float32Array | Float64Array;
  numClasses: number;
  /** True class per row. */
  labels: ArrayLike<number>;
}

/** Mean negative log-likelihood of softmax(logits / T). */
export function temperatureNll({ logits, numClasses: k, labels }: LogitRows, temperature: number): number {
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[i * k + c] / temperature);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[i * k + c] / temperature - max);
    total += max + Math.log(sum) - logits[i * k + labels[i]] / temperature;
  }
  return n ? total / n : 0;
}

const LOG_T_RANGE: [number, number] = [Math.log(0.05), Math.log(20)];

/**
 * The temperature minimising the held-out NLL, by golden-section search on log T over [0.05, 20] (the NLL is
 * unimodal in log T for a fixed set of logits). With no rows, T = 1.
 */
export function fitTemperature(rows: LogitRows, tolerance = 1e-6): number {
  if (rows.labels.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = LOG_T_RANGE;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = temperatureNll(rows, Math.exp(a));
  let fb = temperatureNll(rows, Math.exp(b));
  while (hi - lo > tolerance) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = temperatureNll(rows, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = temperatureNll(rows, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** softmax(logits / T) row by row, as a new array of the input's precision (float32: the model; float64: routing). */
export function softmaxWithTemperature(logits: Float32Array, numClasses: number, temperature?: number): Float32Array;
export function softmaxWithTemperature(logits: Float64Array, numClasses: number, temperature?: number): Float64Array;
export function softmaxWithTemperature(
  logits: Float32Array | Float64Array,
  numClasses: number,
  temperature = 1,
): Float32Array | Float64Array {
  const out = logits instanceof Float64Array ? new Float64Array(logits.length) : new Float32Array(logits.length);
  for (let r = 0; r < logits.length; r += numClasses) {
    let max = -Infinity;
    for (let c = 0; c < numClasses; c++) max = Math.max(max, logits[r + c] / temperature);
    let sum = 0;
    for (let c = 0; c < numClasses; c++) sum += out[r + c] = Math.exp(logits[r + c] / temperature - max);
    for (let c = 0; c < numClasses; c++) out[r + c] /= sum;
  }
  return out;
}
