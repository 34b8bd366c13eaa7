// The order in which the embedded database serves its socket clients. PGlite is one PostgreSQL session; the
// socket server lets many connections share it by queueing their protocol messages. Its own queue
// (@electric-sql/pglite-socket 0.2.x, upstream issue electric-sql/pglite#1046) keeps a connection's messages
// together only inside an SQL transaction, so one connection's Parse could replace another's unnamed statement
// between that one's Parse and Bind: "bind message supplies 1 parameters, but prepared statement requires 4",
// or silently the wrong statement; and one failed message stopped the queue for good. This queue gives the
// session to a connection from the first message of an extended-protocol batch (Parse, Bind, Describe,
// Execute, Close, Flush) until its Sync, or from BEGIN to the end of the transaction, and keeps going after a
// failure. It has the methods the socket server calls on its queue.

const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const READY = new Set(['S', 'Q'].map((c) => c.charCodeAt(0)));

export class BatchQueryQueue {
  /** @param {import('@electric-sql/pglite').PGlite} db */
  constructor(db) {
    this.db = db;
    this.queue = [];
    this.processing = false;
    /** The handler that holds the session: mid-batch or in a transaction. */
    this.owner = null;
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  next() {
    if (this.owner === null) return this.queue.shift() ?? null;
    const i = this.queue.findIndex((q) => q.handlerId === this.owner);
    return i < 0 ? null : this.queue.splice(i, 1)[0];
  }

  async process() {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let q = this.next(); q; q = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(q.message, {
              onRawData: (data) => {
                bytes += data.length;
                q.onData(data);
              },
            }),
          );
          q.resolve(bytes);
        } catch (err) {
          q.reject(err);
        }
        const type = q.message[0];
        if (EXTENDED.has(type)) this.owner = q.handlerId;
        else if (READY.has(type)) this.owner = this.db.isInTransaction() ? q.handlerId : null;
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength() {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId) {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A handler went away: end its transaction or batch so the others are served again. */
  async clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }
}

/** Puts the batch-aware queue in place of the socket server's own (set in its constructor, before any client). */
export function useBatchQueue(server, db) {
  if (!('queryQueue' in server)) throw new Error('@electric-sql/pglite-socket changed: PGLiteSocketServer has no queryQueue');
  server.queryQueue = new BatchQueryQueue(db);
}
