import { AutofocusService } from '@app/equipment';
import { ninaSuite } from '../helpers/equipment/nina-suite';

/** The simulated optics' best focus (drivers/simulator/simulated-focuser.ts SIMULATED_BEST_FOCUS). */
const BEST_FOCUS = 25_000;
const STEP = 300;

describe('N.I.N.A. autofocus on the simulator', () => {
  const suite = ninaSuite();
  beforeAll(async () => {
    const { api } = suite;
    expect(await api.fails('equipment/focuser/auto-focus', 409)).toBe('Focuser not connected');
    expect(await api.fails('equipment/focuser/last-af', 500)).toBe('No AF available');
    for (const device of ['camera', 'focuser']) await api.ok(`equipment/${device}/connect`);
  });

  it.each([
    ['above', BEST_FOCUS + 1.5 * STEP, 'HYPERBOLIC'],
    ['below', BEST_FOCUS - 1.5 * STEP, 'HYPERBOLIC'],
    ['above', BEST_FOCUS + 2.5 * STEP, 'PARABOLIC'],
    ['below', BEST_FOCUS - 3.5 * STEP, 'TRENDHYPERBOLIC'],
  ] as const)('finds the best focus within one step from %s (start %d, %s)', async (_side, start, fitting) => {
    const { t, api } = suite;
    await api.ok('equipment/focuser/move', { position: start });
    // 1 s: enough real-sky (Tycho-2) stars stay above the detection threshold even far out of focus.
    const report = await t.app.get(AutofocusService).run({ stepSize: STEP, exposureSeconds: 1, fitting });
    const position = (await api.ok('equipment/focuser/info')).Position as number;
    expect(Math.abs(position - BEST_FOCUS)).toBeLessThanOrEqual(STEP);
    expect(report.CalculatedFocusPoint.Position).toBe(position);
    expect(report.InitialFocusPoint.Position).toBe(start);
    expect(report.Fitting).toBe(fitting);
    // The curve has its lowest point inside the measured range, not at an end.
    const hfr = report.MeasurePoints.map((p) => p.Value as number);
    expect(hfr.length).toBeGreaterThanOrEqual(9);
    expect(Math.min(...hfr)).toBeLessThan(hfr[0]);
    expect(Math.min(...hfr)).toBeLessThan(hfr.at(-1)!);
  }, 60_000);

  it('runs from the route with AUTOFOCUS-* events and answers last-af in the N.I.N.A. report shape', async () => {
    const { t, api, socket } = suite;
    await api.ok('profile/change-value', { settingpath: 'TelescopeSettings-FocalLength', newValue: '480' });
    await api.ok('equipment/focuser/move', { position: BEST_FOCUS + 40 });
    const before = socket.messages.length;
    // The route uses the profile's FocuserSettings (N.I.N.A.'s defaults: 4 offset steps of 50, 4 s):
    // cancelled here after its first points, the focuser goes back to where it started.
    expect(await api.ok('equipment/focuser/auto-focus')).toBe('Autofocus started');
    for (let i = 0; i < 200 && !socket.events().slice(before).includes('AUTOFOCUS-STARTING'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await api.ok('equipment/focuser/auto-focus', { cancel: true })).toBe('Autofocus canceled');
    for (let i = 0; i < 200 && t.app.get(AutofocusService).isRunning; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await api.ok('equipment/focuser/info')).Position).toBe(BEST_FOCUS + 40);

    const report = await api.ok('equipment/focuser/last-af');
    expect(report).toMatchObject({
      Version: 2,
      Method: 'STARHFR',
      AutoFocuserName: 'Skygate',
      InitialFocusPoint: { Position: expect.any(Number), Value: expect.any(Number), Error: 0 },
      PreviousFocusPoint: { Position: expect.any(Number) },
      Fittings: { Quadratic: expect.stringMatching(/^y = .* \* x\^2/), Hyperbolic: expect.stringMatching(/cosh\(asinh/), Gaussian: '' },
      BacklashCompensation: { BacklashCompensationModel: 'OVERSHOOT', BacklashIN: 0, BacklashOUT: 0 },
      Duration: expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{7}$/),
    });
    expect(report.Intersections).toHaveProperty('HyperbolicMinimum');
    const added = socket.messages.map((m) => m.Response).filter((r) => r.Event === 'AUTOFOCUS-POINT-ADDED');
    expect(added.length).toBeGreaterThanOrEqual(9);
    expect(added[0]).toEqual({ Event: 'AUTOFOCUS-POINT-ADDED', HFR: expect.any(Number), Position: expect.any(Number) });
    expect(socket.events()).toContain('AUTOFOCUS-FINISHED');
    const history = (await api.ok('event-history')) as { Event: string }[];
    expect(history.map((e) => e.Event)).toEqual(expect.arrayContaining(['AUTOFOCUS-STARTING', 'AUTOFOCUS-POINT-ADDED', 'AUTOFOCUS-FINISHED']));
  }, 60_000);
});
