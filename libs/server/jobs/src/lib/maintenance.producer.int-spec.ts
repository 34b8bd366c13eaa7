// MaintenanceProducer on the machine's Redis: a recount requested twice while the first is waiting is one job,
// job status is scoped to its project, and job ids stay unique when Redis loses the queue's data.
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { loadTestEnv } from '@arbiter/server/config';
import { MaintenanceProducer } from './maintenance.producer';
import { bullRootOptions, QUEUE } from './queue-connection';

describe('MaintenanceProducer', () => {
  const prefix = `int_${randomBytes(4).toString('hex')}`;
  const opts = bullRootOptions({
    backend: 'redis',
    redisUrl: loadTestEnv().TEST_REDIS_URL,
    databaseUrl: '',
    prefix,
  });
  const queue = new Queue(QUEUE.maintenance, opts);
  const producer = new MaintenanceProducer(queue);

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  }, 30_000);

  it('deduplicates a recount while one is pending and hides it from other projects', async () => {
    const project = randomUUID();
    const a = await producer.recount(project);
    const b = await producer.recount(project);
    expect(b).toBe(a);
    expect(await queue.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
    expect(await producer.status(project, a)).toMatchObject({ id: a, name: 'recount-project', state: 'waiting' });
    expect(await producer.status(randomUUID(), a)).toBeNull();
    const other = await producer.recount(randomUUID());
    expect(other).not.toBe(a);
  }, 30_000);

  it('never hands out an id again after Redis loses the queue (BullMQ\'s own counter starts over then)', async () => {
    const project = randomUUID();
    // Redis losing its data, for this test's own prefix only: before the first job and again after it.
    await queue.obliterate({ force: true });
    const before = await producer.recount(project);
    await queue.obliterate({ force: true });
    const after = await producer.recount(project);
    expect(after).not.toBe(before);
    expect(await producer.status(project, before)).toBeNull();
    expect(await producer.status(project, after)).toMatchObject({ id: after, state: 'waiting' });
    expect(await producer.status(project, 'not-a-job')).toBeNull();
  }, 30_000);
});
