import { isDatabaseTimeout, isDatabaseUnavailable } from './sql';

describe('isDatabaseUnavailable', () => {
  const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['server shutting down (57P01 admin_shutdown)', pg('57P01', 'terminating connection due to administrator command')],
    ['server starting up (57P03 cannot_connect_now)', pg('57P03', 'the database system is starting up')],
    ['connection dropped mid-query', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: pg('57P01') })],
  ])('%s is a 503', (_, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ['a unique violation', pg('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pg('42601', 'syntax error at or near "SELEC"')],
    ['a statement timeout', pg('57014', 'canceling statement due to statement timeout')],
    ['not an error at all', null],
  ])('%s is not', (_, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});

// SQLSTATEs from PostgreSQL's errcodes table (Appendix A): query_canceled, idle_in_transaction_session_timeout.
describe('isDatabaseTimeout', () => {
  const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it('is a statement timeout or an idle-in-transaction timeout, also wrapped by TypeORM', () => {
    expect(isDatabaseTimeout(pg('57014', 'canceling statement due to statement timeout'))).toBe(true);
    expect(isDatabaseTimeout(pg('25P03', 'terminating connection due to idle-in-transaction timeout'))).toBe(true);
    expect(isDatabaseTimeout(Object.assign(new Error('query failed'), { driverError: pg('57014') }))).toBe(true);
    expect(isDatabaseTimeout(pg('23505'))).toBe(false);
    expect(isDatabaseTimeout(new Error('timeout exceeded when trying to connect'))).toBe(false);
  });
});
