// The worker's one ML thread: every active-learning computation (hashing, training, scoring, selection) runs there,
// one task at a time, so the worker's event loop stays free for its other jobs and for renewing job locks. A thread
// that dies is started again for the next task; the tasks it held fail (their jobs are retried).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ChunkVectors, MlReply, MlTask } from './ml-task';
import { transferables } from './ml-transfer';

type Pending = { resolve: (r: MlReply) => void; reject: (e: Error) => void };
type ReplyOf<Op extends MlTask['op']> = Extract<MlReply, { op: Op }>;

function spawn(): Worker {
  if (__filename.endsWith('.ts')) {
    // Running from TypeScript sources (jest, tsx): let tsx compile the thread's modules on the fly.
    const entry = join(__dirname, 'ml.worker.ts');
    return new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`, { eval: true });
  }
  return new Worker(join(__dirname, 'ml.worker.js'));
}

@Injectable()
export class MlThread implements OnModuleDestroy {
  private readonly logger = new Logger('MlThread');
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Artifacts the running thread holds (by round), so their bytes cross only once. */
  private readonly held = new Set<string>();

  async run<Op extends MlTask['op']>(task: Extract<MlTask, { op: Op }>): Promise<ReplyOf<Op>> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<ReplyOf<Op>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: MlReply) => void, reject });
      worker.postMessage({ id, task }, transferables(task));
    });
  }

  /**
   * Scores texts (and their client vectors, which the model uses if it takes them) with a round's artifact; `load`
   * reads its bytes when the thread does not hold it yet.
   */
  async score(
    key: string,
    load: () => Promise<Buffer>,
    texts: string[],
    vectors: ChunkVectors | null,
  ): Promise<{ probs: Float32Array | null; embeddings: Float32Array | null }> {
    // The vectors are transferred to the thread: a second attempt needs its own copy.
    const own = () => vectors && { data: vectors.data.slice(), dim: vectors.dim };
    let reply = this.held.has(key) ? await this.run<'score'>({ op: 'score', key, artifact: null, texts, vectors: own() }) : null;
    if (!reply || reply.missing) {
      const bytes = await load();
      reply = await this.run<'score'>({ op: 'score', key, artifact: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), texts, vectors: own() });
      this.held.add(key);
      if (this.held.size > 8) this.held.delete(this.held.values().next().value as string);
    }
    if (reply.missing) throw new Error(`the ML thread did not keep artifact ${key}`);
    return { probs: reply.probs, embeddings: reply.embeddings };
  }

  async onModuleDestroy(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = spawn();
    worker.on('message', (m: { id: number; reply?: MlReply; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.reply as MlReply);
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.held.clear();
      this.logger.warn(`ML thread stopped: ${err.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ML thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
