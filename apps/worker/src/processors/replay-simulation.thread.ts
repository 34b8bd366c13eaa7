// One simulated run on a thread of its own: the model's feature hashing, embedding and training hold the thread for
// seconds at a time on a few thousand items (minutes on a large project), which on the worker's main thread would
// stop BullMQ renewing its job locks (the replay, and every other job of the process, would be handed out again as
// stalled) and starve the other queues.
import { parentPort, workerData } from 'node:worker_threads';
import { simulate, type SimulationInput } from '@arbiter/ml/active-learning';

simulate(workerData as SimulationInput).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
);
