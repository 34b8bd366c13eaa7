// databaseOptionsFor: the api and the worker get their own timeouts from the config; the embedded database none.
import { parseConfig } from '@arbiter/server/config';
import { databaseOptionsFor } from './database.module';

describe('databaseOptionsFor', () => {
  const config = parseConfig({
    DATABASE_POOL_SIZE: '6',
    DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
    WORKER_DATABASE_STATEMENT_TIMEOUT_MS: '3000',
    WORKER_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '4000',
    DATABASE_CONNECT_TIMEOUT_MS: '5000',
  });

  it('gives the api its pool size, timeouts and import turns', () => {
    expect(databaseOptionsFor(config, 'api')).toMatchObject({
      poolSize: 6,
      bulkInsert: 'copy',
      statementTimeoutMs: 1000,
      idleInTransactionTimeoutMs: 2000,
      connectTimeoutMs: 5000,
      importConcurrency: 3,
    });
  });

  it('gives the worker its own, longer statement timeouts', () => {
    expect(databaseOptionsFor(config, 'worker')).toMatchObject({ statementTimeoutMs: 3000, idleInTransactionTimeoutMs: 4000, connectTimeoutMs: 5000 });
  });

  it('sets no server-side timeout on the embedded database, whose connections share one session', () => {
    const embedded = { ...config, EMBEDDED_DATABASE: true };
    for (const role of ['api', 'worker'] as const) {
      const o = databaseOptionsFor(embedded, role);
      expect(o).toMatchObject({ bulkInsert: 'insert', statementTimeoutMs: undefined, idleInTransactionTimeoutMs: undefined });
    }
  });
});
