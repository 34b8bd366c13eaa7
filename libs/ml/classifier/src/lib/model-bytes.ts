// A trained classifier as bytes for storage (PostgreSQL bytea): a JSON header (kind, backend, classes,
// temperature, metrics, the shape of every array) followed by the arrays themselves, little-endian, 4-byte aligned.
// Nothing is lost: the decoded model predicts bit for bit what the original did.
import { columnMapFromBuckets } from './sparse-rows';
import type { TrainedClassifier } from './train-classifier';

const MAGIC = 'ARBM';
const FORMAT_VERSION = 1;

interface Header {
  format: number;
  kind: TrainedClassifier['kind'];
  backend: TrainedClassifier['backend'];
  numClasses: number;
  denseDim: number;
  temperature: number;
  metrics: TrainedClassifier['metrics'];
  buckets: number;
  cols: number;
  weights: { name: string; shape: number[] }[];
}

export function serialiseModel(model: TrainedClassifier): Uint8Array {
  const names = Object.keys(model.weights).sort();
  const header: Header = {
    format: FORMAT_VERSION, kind: model.kind, backend: model.backend, numClasses: model.numClasses, denseDim: model.denseDim,
    temperature: model.temperature, metrics: model.metrics, buckets: model.columns.buckets.length, cols: model.columns.lookup.length,
    weights: names.map((name) => ({ name, shape: model.weights[name].shape })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = align4(8 + json.length);
  const arrays = [model.columns.buckets, ...names.map((n) => model.weights[n].data)];
  const total = headerBytes + arrays.reduce((s, a) => s + a.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  let at = headerBytes;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      if (a instanceof Int32Array) view.setInt32(at + 4 * i, a[i], true);
      else view.setFloat32(at + 4 * i, a[i], true);
    }
    at += a.byteLength;
  }
  return out;
}

export function deserialiseModel(bytes: Uint8Array): TrainedClassifier {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a serialised Arbiter model');
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as Header;
  if (header.format !== FORMAT_VERSION) throw new Error(`model format ${header.format} is not supported (expected ${FORMAT_VERSION})`);
  let at = align4(8 + jsonLength);
  const buckets = new Int32Array(header.buckets);
  for (let i = 0; i < buckets.length; i++, at += 4) buckets[i] = view.getInt32(at, true);
  const weights: TrainedClassifier['weights'] = {};
  for (const { name, shape } of header.weights) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++, at += 4) data[i] = view.getFloat32(at, true);
    weights[name] = { shape, data };
  }
  return {
    kind: header.kind, backend: header.backend, numClasses: header.numClasses, denseDim: header.denseDim, temperature: header.temperature,
    metrics: header.metrics, columns: columnMapFromBuckets(buckets, header.cols), weights,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
