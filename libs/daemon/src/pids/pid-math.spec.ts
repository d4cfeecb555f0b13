import { PidMath } from './pid-math';

describe("PidMath (Mycodo's per-period step)", () => {
  const gains = { kp: 2, ki: 0.5, kd: 1, integratorMin: -3, integratorMax: 3 };

  it('adds P, a clamped integral and D without a kick on the first step', () => {
    const pid = new PidMath(gains);
    expect(pid.update(10, 8)).toBe(2 * 2 + 0.5 * 2 + 0);
    expect(pid.update(10, 9)).toBe(2 * 1 + 0.5 * 3 + 1 * (1 - 2));
    expect(pid.update(10, 5)).toBe(2 * 5 + 0.5 * 3 + 1 * (5 - 1));
    expect(pid.integrator).toBe(3);
  });

  it('holds the error at zero inside the band and aims at the far edge outside it', () => {
    const pid = new PidMath({ ...gains, ki: 0, kd: 0 });
    expect(pid.update(10, 9.5, 1)).toBe(0);
    expect(pid.update(10, 8, 1)).toBe(2 * (11 - 8));
    expect(pid.update(10, 12, 1)).toBe(2 * (9 - 12));
  });
});
