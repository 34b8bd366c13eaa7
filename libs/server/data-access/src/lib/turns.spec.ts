// Turns: at most `size` holders, waiters served in order, an aborted waiter leaves the line, ending twice is harmless.
import { Turns } from './turns';

describe('Turns', () => {
  it('serves waiters in order as turns end, never more than size at once', async () => {
    const turns = new Turns(2);
    const order: string[] = [];
    const a = await turns.take();
    const b = await turns.take();
    const c = turns.take().then((end) => (order.push('c'), end));
    const d = turns.take().then((end) => (order.push('d'), end));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a(); // a second end gives nothing more away
    const endC = await c;
    expect(order).toEqual(['c']);
    b();
    await d;
    expect(order).toEqual(['c', 'd']);
    endC();
  });

  it('drops a waiter whose signal aborts, rejecting with its reason, and passes the turn to the next', async () => {
    const turns = new Turns(1);
    const first = await turns.take();
    const ctl = new AbortController();
    const aborted = turns.take(ctl.signal);
    const next = turns.take();
    ctl.abort(new Error('too late'));
    await expect(aborted).rejects.toThrow('too late');
    first();
    await expect(next).resolves.toEqual(expect.any(Function));
  });

  it('refuses at once when the signal is already aborted', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('gone'));
    await expect(new Turns(1).take(ctl.signal)).rejects.toThrow('gone');
  });
});
