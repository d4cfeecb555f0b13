import { onFirstUse } from './on-first-use';

describe('onFirstUse', () => {
  it('loads on the first call, once, and not before', () => {
    const load = jest.fn(() => ({ made: true }));
    const lib = onFirstUse(load);
    expect(load).not.toHaveBeenCalled();
    const first = lib();
    expect(lib()).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps a loaded undefined instead of loading again', () => {
    const load = jest.fn(() => undefined);
    const lib = onFirstUse(load);
    lib();
    lib();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a load that threw', () => {
    let attempts = 0;
    const lib = onFirstUse(() => {
      if (++attempts === 1) throw new Error('not yet');
      return attempts;
    });
    expect(() => lib()).toThrow('not yet');
    expect(lib()).toBe(2);
  });
});
