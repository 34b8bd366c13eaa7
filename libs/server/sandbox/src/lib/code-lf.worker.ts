// Entry point of a sandbox worker thread: runs one task at a time from its parent and answers. Spawned by
// SandboxWorker from the compiled JS under dist/ (or through tsx when running from the TypeScript sources).
import { parentPort } from 'node:worker_threads';
import { runSandboxTask, type SandboxTask } from './sandbox-task';

const port = parentPort;
if (!port) throw new Error('code-lf.worker must run in a worker thread');

port.on('message', (task: SandboxTask) => {
  // A rejection is a bug of ours: left unhandled it ends the worker, and the host reports the 'error' event.
  void runSandboxTask(task).then((reply) => port.postMessage(reply));
});
