// AlProducer on the machine's Redis: concurrent triggers of one project queue one round request; a round's
// training and scoring enqueued twice (a retried step) are the same jobs; a schedule is registered one period
// ahead and removed again; whether a round still has a job queued is read from the jobs its id names.
import { randomBytes, randomUUID } from 'node:crypto';
import { FlowProducer, Queue } from 'bullmq';
import { loadTestEnv } from '@arbiter/server/config';
import { AlProducer, alRoundOfJob, alScheduleId, alScoreJobId, alSelectJobId, alTrainJobId } from './al.producer';
import { bullRootOptions, QUEUE } from './queue-connection';

describe('AlProducer', () => {
  const opts = bullRootOptions({ backend: 'redis', redisUrl: loadTestEnv().TEST_REDIS_URL, databaseUrl: '', prefix: `int_${randomBytes(4).toString('hex')}` });
  const queue = new Queue(QUEUE.al, opts);
  const flows = new FlowProducer(opts);
  const producer = new AlProducer(queue, flows);

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), flows.close()]);
  }, 30_000);

  it('queues one round request for a burst of triggers of one project', async () => {
    const project = randomUUID();
    await Promise.all(Array.from({ length: 8 }, (_, i) => producer.requestRound(project, i % 2 ? 'labels' : 'lf-change')));
    await producer.requestRound(randomUUID(), 'labels');
    const waiting = await queue.getJobs(['waiting']);
    expect(waiting.filter((j) => j.data.projectId === project)).toHaveLength(1);
    expect(waiting).toHaveLength(2);
  }, 30_000);

  it('enqueues a round step once however often it is asked, under ids that name the round', async () => {
    const project = randomUUID();
    const round = randomUUID();
    expect(await producer.roundQueued(round)).toBe(false);
    await producer.queueTraining(project, round);
    await producer.queueTraining(project, round);
    expect((await queue.getJobs(['waiting'])).filter((j) => j.data.roundId === round).map((j) => j.id)).toEqual([alTrainJobId(round)]);
    expect(await producer.roundQueued(round)).toBe(true);

    await producer.queueScoring(project, round, [0, 1, 2]);
    await producer.queueScoring(project, round, [0, 1, 2]);
    const chunks = (await queue.getJobs(['prioritized', 'waiting'])).filter((j) => j.name === 'score-chunk' && j.data.roundId === round);
    expect(chunks.map((j) => j.id).sort()).toEqual([0, 1, 2].map((c) => alScoreJobId(round, c)).sort());
    expect(await (await queue.getJob(alSelectJobId(round)))?.getState()).toBe('waiting-children');
    expect([alTrainJobId(round), alSelectJobId(round), alScoreJobId(round, 2), 'al-start-x'].map(alRoundOfJob)).toEqual([round, round, round, null]);
  }, 30_000);

  it('registers a schedule one period ahead, and removes it', async () => {
    const project = randomUUID();
    await producer.schedule(project, 30);
    const [scheduler] = (await queue.getJobSchedulers()).filter((s) => s.key === alScheduleId(project));
    expect(scheduler).toMatchObject({ every: 30 * 60_000, name: 'start-al-round' });
    expect(scheduler.next! - Date.now()).toBeGreaterThan(29 * 60_000);
    await producer.schedule(project, null);
    expect((await queue.getJobSchedulers()).filter((s) => s.key === alScheduleId(project))).toEqual([]);
  }, 30_000);
});
