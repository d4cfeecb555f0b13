import { DeviceRefusal, type DeviceChange } from '../contract/device-driver';
import { NetworkedDriverFactory } from './networked-driver.factory';
import { NetworkedFilterWheel } from './networked-filter-wheel';
import { NetworkedRotator } from './networked-rotator';
import { OperatorDesks } from './operator-requests';

describe('networked manual drivers', () => {
  let desks: OperatorDesks;
  let filters: string[];
  const heard: string[] = [];

  beforeEach(() => {
    desks = new OperatorDesks();
    filters = ['L', 'R', 'G'];
    heard.length = 0;
    desks.filterwheel.subscribe({ requested: (f) => heard.push(`asked ${f}`), finished: () => heard.push('finished') });
  });

  it('serves only the filter wheel and the rotator', () => {
    const factory = new NetworkedDriverFactory(desks, () => filters);
    expect(['camera', 'filterwheel', 'rotator', 'mount'].map((t) => factory.supports(t as never))).toEqual([false, true, true, false]);
    expect(factory.create('filterwheel')).toBeInstanceOf(NetworkedFilterWheel);
    expect(factory.create('rotator')).toBeInstanceOf(NetworkedRotator);
  });

  it('changes the filter only once confirmed, reading the filter list live', async () => {
    const wheel = new NetworkedFilterWheel(desks.filterwheel, () => filters);
    await wheel.connect();
    filters = [...filters, 'Ha'];
    const change = wheel.setPosition(3);
    expect(wheel.status()).toEqual({ position: -1, names: ['L', 'R', 'G', 'Ha'], isMoving: true });
    expect(desks.filterwheel.pending).toBe('Ha');
    expect(desks.filterwheel.confirm()).toBe(true);
    await change;
    expect(wheel.status()).toMatchObject({ position: 3, isMoving: false });
    expect(heard).toEqual(['asked Ha', 'finished']);
    expect(desks.filterwheel.confirm()).toBe(false);
  });

  it('refuses a slot outside the list before asking anyone', () => {
    const wheel = new NetworkedFilterWheel(desks.filterwheel, () => filters);
    expect(() => wheel.setPosition(3)).toThrow(DeviceRefusal);
    expect(heard).toEqual([]);
  });

  it('rejects with the signal reason on abort, and a replaced change with AbortError', async () => {
    const wheel = new NetworkedFilterWheel(desks.filterwheel, () => filters);
    const controller = new AbortController();
    const first = wheel.setPosition(1, controller.signal);
    const reason = new Error('sequence cancelled');
    controller.abort(reason);
    await expect(first).rejects.toBe(reason);
    expect(wheel.status()).toMatchObject({ position: 0, isMoving: false });
    const replaced = wheel.setPosition(1);
    const latest = wheel.setPosition(2);
    await expect(replaced).rejects.toMatchObject({ name: 'AbortError' });
    expect(wheel.status().isMoving).toBe(true);
    desks.filterwheel.confirm();
    await latest;
    expect(wheel.status().position).toBe(2);
    expect(heard).toEqual(['asked R', 'finished', 'asked R', 'finished', 'asked G', 'finished']);
  });

  it('turns the rotator the shortest way and reports ROTATOR-MOVED when confirmed', async () => {
    const rotator = new NetworkedRotator(desks.rotator);
    const changes: DeviceChange[] = [];
    rotator.onChange((c) => changes.push(c));
    const move = rotator.moveMechanical(190);
    expect(desks.rotator.pending).toEqual({ Position: 0, TargetPosition: -170, Rotation: 170 });
    expect(rotator.status()).toMatchObject({ position: 0, isMoving: true });
    desks.rotator.confirm();
    await move;
    expect(rotator.status()).toMatchObject({ position: 190, mechanicalPosition: 190, isMoving: false });
    expect(changes).toEqual([{ kind: 'event', event: 'ROTATOR-MOVED', data: { From: 0, To: 190 } }]);
    const half = rotator.moveMechanical(10);
    expect(desks.rotator.pending).toEqual({ Position: 190, TargetPosition: 370, Rotation: 180 });
    await rotator.halt();
    await expect(half).rejects.toThrow('Rotator move stopped');
    expect(rotator.status()).toMatchObject({ position: 190, isMoving: false });
    expect(changes).toHaveLength(1);
  });
});
