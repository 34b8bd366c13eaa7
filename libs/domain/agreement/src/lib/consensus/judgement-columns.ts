// Validates consensus input once and packs it into typed columns, so the EM loops run over flat Int32Arrays
// instead of touching a million small objects per pass.
import type { ConsensusInput } from './consensus.types';

export interface JudgementColumns {
  n: number;
  m: number;
  k: number;
  item: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  /** Judgements per item; 0 marks an item that gets a null label. */
  perItem: Int32Array;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

// Out-of-range ids are a caller bug (ids are assigned by our own code), so this throws rather than
// returning a user-facing problem list.
function checkId(index: number, field: string, value: number, limit: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= limit) {
    throw new RangeError(`judgements[${index}].${field} = ${value} is out of range 0..${limit - 1}`);
  }
}

export function toJudgementColumns({ judgements, items, workers, classes }: ConsensusInput): JudgementColumns {
  checkCount('items', items, 0);
  checkCount('workers', workers, 0);
  checkCount('classes', classes, 1);
  const total = judgements.length;
  const item = new Int32Array(total);
  const worker = new Int32Array(total);
  const label = new Int32Array(total);
  const perItem = new Int32Array(items);
  for (let j = 0; j < total; j++) {
    const judgement = judgements[j];
    checkId(j, 'item', judgement.item, items);
    checkId(j, 'worker', judgement.worker, workers);
    checkId(j, 'label', judgement.label, classes);
    item[j] = judgement.item;
    worker[j] = judgement.worker;
    label[j] = judgement.label;
    perItem[judgement.item]++;
  }
  return { n: items, m: workers, k: classes, item, worker, label, perItem };
}
