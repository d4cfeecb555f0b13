import { fitHyperbola, fitParabola, fitTrendlines } from './curve-fitting';

const positions = Array.from({ length: 9 }, (_, i) => 2000 + i * 50);

describe('focus curve fits', () => {
  it('recovers a parabola exactly, with R² 1', () => {
    const fit = fitParabola(positions.map((x) => ({ x, y: 0.0004 * (x - 2137) ** 2 + 1.5 })))!;
    expect(fit.minimum.x).toBeCloseTo(2137, 6);
    expect(fit.minimum.y).toBeCloseTo(1.5, 6);
    expect(fit.rSquared).toBeCloseTo(1, 9);
    expect(fit.expression).toMatch(/^y = [-\d.e]+ \* x\^2 \+ [-\d.e]+ \* x \+ [-\d.e]+$/);
  });

  it('recovers a hyperbola a·√(1+((x−p)/b)²) from points on one side of its minimum mostly', () => {
    const fit = fitHyperbola(positions.map((x) => ({ x, y: 1.4 * Math.sqrt(1 + ((x - 2090) / 60) ** 2) })))!;
    expect(fit.minimum.x).toBeCloseTo(2090, 1);
    expect(fit.minimum.y).toBeCloseTo(1.4, 3);
    expect(fit.rSquared).toBeGreaterThan(0.9999);
  });

  it('returns no parabola for a curve that opens downwards, and needs three points', () => {
    expect(fitParabola(positions.map((x) => ({ x, y: -((x - 2200) ** 2) })))).toBeNull();
    expect(fitParabola([{ x: 1, y: 1 }])).toBeNull();
    expect(fitHyperbola([{ x: 1, y: 1 }])).toBeNull();
  });

  it('crosses the trend lines of a V at its tip', () => {
    const fit = fitTrendlines(positions.map((x) => ({ x, y: 1 + Math.abs(x - 2210) * 0.02 })))!;
    expect(fit.intersection.x).toBeCloseTo(2210, 6);
    expect(fit.left!.rSquared).toBeCloseTo(1, 9);
    expect(fit.right!.expression).toMatch(/^y = 0\.02/);
  });
});
