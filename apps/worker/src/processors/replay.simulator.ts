// The replay's simulation: libs/ml's `simulate` (the real model and sampling strategies), reached only from the
// worker so that the api, which shares the application library, never loads TensorFlow.js. Each run goes to a
// thread of its own (see replay-simulation.thread.ts) so this process keeps answering BullMQ while it computes.
// When the worker stops, running simulations are ended at once (a run can take minutes): the replay is resumable,
// so the next worker redoes only the interrupted run rather than this one holding up the stop.
import { extname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { SimulationResult } from '@arbiter/ml/active-learning';
import { ReplayInterruptedError, type ReplaySimulation, type ReplaySimulator } from '@arbiter/server/application';

const THREAD = resolve(__dirname, `replay-simulation.thread${extname(__filename)}`);

type Reply = { ok: true; result: SimulationResult } | { ok: false; message: string };

@Injectable()
export class MlReplaySimulator implements ReplaySimulator, BeforeApplicationShutdown {
  private stopping = false;
  private readonly threads = new Set<Worker>();

  simulate(input: ReplaySimulation): Promise<SimulationResult> {
    if (this.stopping) return Promise.reject(new ReplayInterruptedError());
    return new Promise((done, fail) => {
      const thread = new Worker(THREAD, { workerData: input });
      this.threads.add(thread);
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.threads.delete(thread);
        f();
        void thread.terminate();
      };
      thread.once('message', (reply: Reply) => settle(() => (reply.ok ? done(reply.result) : fail(new Error(reply.message)))));
      thread.once('error', (err) => settle(() => fail(err)));
      thread.once('exit', (code) =>
        settle(() => fail(this.stopping ? new ReplayInterruptedError() : new Error(`the simulation thread stopped (exit code ${code}) before it answered`))),
      );
    });
  }

  /** Before BullMQ's workers close (they wait for their jobs): end the simulations, so the replay job returns. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.threads].map((t) => t.terminate()));
  }
}
