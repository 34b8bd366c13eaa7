// Entry point of the ML thread: runs one task at a time from its parent and answers. Spawned by MlThread from the
// compiled JS under dist/ (or through tsx when running from the TypeScript sources).
import { parentPort } from 'node:worker_threads';
import { runMlTask, type MlTask } from './ml-task';
import { transferables } from './ml-transfer';

const port = parentPort;
if (!port) throw new Error('ml.worker must run in a worker thread');

port.on('message', ({ id, task }: { id: number; task: MlTask }) => {
  runMlTask(task).then(
    (reply) => port.postMessage({ id, reply }, transferables(reply)),
    (err: Error) => port.postMessage({ id, error: err?.stack ?? String(err) }),
  );
});
