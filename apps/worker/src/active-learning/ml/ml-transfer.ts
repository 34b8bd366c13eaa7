// Which buffers of a task or reply cross between the worker and its ML thread by transfer rather than copy. Apart
// from ml-task (which loads TensorFlow.js) so the worker's main thread can use it without loading the model code.
import type { MlReply, MlTask } from './ml-task';

/** The typed arrays of a reply or task, to transfer rather than copy across threads. */
export function transferables(x: MlTask | MlReply): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView | null | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !out.includes(a.buffer)) out.push(a.buffer);
  };
  switch (x.op) {
    case 'count':
      if ('counts' in x) [x.counts.indptr, x.counts.indices, x.counts.data].forEach(add);
      break;
    case 'fit':
      if ('result' in x) add(x.result.artifact);
      if ('client' in x && x.client) [x.client.train, x.client.evaluation].forEach(add);
      break;
    case 'score':
      if ('probs' in x) [x.probs, x.embeddings].forEach(add);
      if ('vectors' in x) add(x.vectors?.data);
      break;
    case 'select':
      // Not the probabilities: the caller reads them again to score what was chosen.
      if ('input' in x) [x.input.embeddings, x.input.labeled, x.input.excluded].forEach(add);
      break;
    case 'lf-disagreement':
      if ('votes' in x) [x.votes, x.probs, x.exclude].forEach(add);
      break;
  }
  return out;
}
