import { ItemDeadline, threadCpuClock } from './item-deadline';

function clocks() {
  const t = { wall: 0, cpu: 0 };
  return { t, wall: () => t.wall, cpu: () => t.cpu };
}

describe('ItemDeadline', () => {
  it('does not count time the thread spent off the CPU', () => {
    const { t, wall, cpu } = clocks();
    const d = new ItemDeadline(50, wall, cpu);
    d.start();
    t.wall = 200; // descheduled: 200 ms passed, 10 ms of them on the CPU
    t.cpu = 10;
    expect(d.expired()).toBe(false);
    t.wall = 239; // 40 ms of budget left from 200: not yet
    t.cpu = 49;
    expect(d.expired()).toBe(false);
    t.wall = 241;
    t.cpu = 50;
    expect(d.expired()).toBe(true);
  });

  it('stops a loop that really runs once it has used the limit', () => {
    const { t, wall, cpu } = clocks();
    const d = new ItemDeadline(50, wall, cpu);
    d.start();
    t.wall = t.cpu = 49;
    expect(d.expired()).toBe(false);
    t.wall = t.cpu = 51;
    expect(d.expired()).toBe(true);
  });

  it('starts each item afresh', () => {
    const { t, wall, cpu } = clocks();
    const d = new ItemDeadline(50, wall, cpu);
    d.start();
    t.wall = t.cpu = 60;
    expect(d.expired()).toBe(true);
    d.start();
    t.wall = t.cpu = 100;
    expect(d.expired()).toBe(false);
  });

  it('falls back to the wall clock without a CPU clock', () => {
    const { t, wall } = clocks();
    const d = new ItemDeadline(50, wall, null);
    d.start();
    t.wall = 51;
    expect(d.expired()).toBe(true);
  });

  it('reads this thread’s CPU time on Linux, rising with work and not with waiting', async () => {
    const cpu = threadCpuClock();
    if (!cpu) return expect(process.platform).not.toBe('linux');
    const before = cpu();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waited = cpu() - before;
    expect(waited).toBeLessThan(50);
    // Spin until the clock shows 60 ms of work (a loaded machine may need more wall time for that).
    const start = cpu();
    const giveUp = performance.now() + 10_000;
    while (cpu() - start < 60 && performance.now() < giveUp);
    expect(cpu() - start).toBeGreaterThanOrEqual(60);
  });
});
