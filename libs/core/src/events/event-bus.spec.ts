import { firstValueFrom, take, toArray } from 'rxjs';
import { ManualClock } from '../clock/clock';
import { EventBus } from './event-bus';

declare module './event-bus' {
  interface SkygateEvents {
    'test.ping': { n: number };
    'other.thing': { label: string };
  }
}

describe('EventBus', () => {
  const clock = new ManualClock('2026-11-22T00:00:00Z');
  const bus = new EventBus(clock);

  it('delivers typed events by name with time and increasing sequence numbers', async () => {
    const received = firstValueFrom(bus.on('test.ping').pipe(take(2), toArray()));
    bus.publish('other.thing', { label: 'ignored' });
    bus.publish('test.ping', { n: 1 });
    clock.advance(1000);
    bus.publish('test.ping', { n: 2 });
    const [a, b] = await received;
    expect(a.payload).toEqual({ n: 1 });
    expect(b.payload.n).toBe(2);
    expect(b.seq).toBe(a.seq + 1);
    expect(b.at.getTime() - a.at.getTime()).toBe(1000);
  });

  it('filters by prefix', async () => {
    const received = firstValueFrom(bus.onPrefix('other.').pipe(take(1)));
    bus.publish('test.ping', { n: 3 });
    bus.publish('other.thing', { label: 'x' });
    expect((await received).name).toBe('other.thing');
  });
});
