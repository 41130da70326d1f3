import { defineQueue, nextSlot, queuesWithoutHandler } from './queue.js';

describe('job queues', () => {
  it('refuses a queue declared twice', () => {
    defineQueue<{ a: string }>('test.once');
    expect(() => defineQueue('test.once')).toThrow(/declared twice/);
  });

  it('names the declared queues nobody handles', () => {
    expect(queuesWithoutHandler(['a.x', 'b.y', 'c.z'], new Set(['b.y']))).toEqual(['a.x', 'c.z']);
    expect(queuesWithoutHandler(['a.x'], new Set(['a.x']))).toEqual([]);
  });

  it('puts periodic runs on a fixed grid, strictly after the given time', () => {
    const hour = 3_600_000;
    expect(nextSlot(0, hour)).toBe(hour);
    expect(nextSlot(hour - 1, hour)).toBe(hour);
    expect(nextSlot(hour, hour)).toBe(2 * hour);
  });
});
