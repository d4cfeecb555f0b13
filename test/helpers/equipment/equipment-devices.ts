import { j2000ToJNow } from '@app/equipment/drivers/astro/astro';
import { IndiRig, POWER_BOX, type EquipmentSuite } from './equipment-rig';

/** Moves and settings of every device except the camera, on whichever driver the suite runs. */
export function deviceTests(suite: EquipmentSuite): void {
  const { rig } = suite;
  const sim = rig.driver === 'simulator';
  const indi = rig instanceof IndiRig ? rig : null;

  it('slews the mount in J2000 degrees and stops tracking', async () => {
    const { api } = suite;
    // The INDI telescope simulator starts unparked (no park data in its fresh HOME).
    expect(await api.ok('equipment/mount/unpark')).toBe(sim ? 'Unparking' : 'Mount not parked');
    await rig.settled(api, 'equipment/mount/info', (m) => !m.AtPark);
    expect(await api.ok('equipment/mount/slew', { ra: 10.6847, dec: 41.269 })).toBe('Started Slew');
    // INDI: the J2000 target precessed to the mount's epoch of date, reached by polling.
    const target = sim ? { raDeg: 10.6847, decDeg: 41.269 } : j2000ToJNow(10.6847, 41.269, new Date());
    // The 1.9.9 telescope simulator ends its gotos 0.0036 h (0.05°) past the target in RA
    // (indi_getprop shows it; the exact target it was sent is checked in equipment-indi.e2e-spec.ts).
    const raTolerance = sim ? 1e-6 : 0.1;
    const mount = await rig.settled(api, 'equipment/mount/info', (m) => !m.Slewing && Math.abs(m.Coordinates.RADegrees - target.raDeg) < raTolerance && Math.abs(m.Declination - target.decDeg) < 0.01);
    expect(mount).toMatchObject({ AtPark: false, Slewing: false, TrackingMode: 'Siderial' });
    if (sim) {
      expect(mount.Coordinates.RADegrees).toBeCloseTo(10.6847, 6);
      expect(mount).toMatchObject({ RightAscensionString: '00:42:44', Declination: 41.269 });
    } else {
      // INDI reports the mount's own epoch-of-date coordinates.
      expect(mount.Coordinates).toMatchObject({ Epoch: 'JNOW' });
      expect(Math.abs(mount.Coordinates.RADegrees - target.raDeg)).toBeLessThan(raTolerance);
      expect(Math.abs(mount.Declination - target.decDeg)).toBeLessThan(0.01);
    }
    expect(await api.ok('equipment/mount/tracking', { mode: 4 })).toBe('Tracking mode changed');
    expect((await rig.settled(api, 'equipment/mount/info', (m) => !m.TrackingEnabled)).TrackingEnabled).toBe(false);
  }, 120_000);

  it('opens the dome shutter and turns the dome', async () => {
    const { api, socket } = suite;
    expect(await api.ok('equipment/dome/open')).toBe('Shutter opening');
    expect((await rig.settled(api, 'equipment/dome/info', (d) => d.ShutterStatus === 'ShutterOpen')).ShutterStatus).toBe('ShutterOpen');
    expect(await api.ok('equipment/dome/open')).toBe('Shutter already open');
    expect(await api.ok('equipment/dome/slew', { azimuth: 120 })).toBe('Dome Slew Started');
    const dome = await rig.settled(api, 'equipment/dome/info', (d) => !d.Slewing && d.Azimuth === 120);
    expect(dome).toMatchObject({ ShutterStatus: 'ShutterOpen', Azimuth: 120, AtPark: false, Slewing: false });
    expect(await api.ok('equipment/dome/set-follow', { enabled: true })).toBe('Following enabled');
    expect(socket.events()).toContain('DOME-SHUTTER-OPENED');
  }, 120_000);

  it('moves the focuser and the rotator', async () => {
    const { api, socket } = suite;
    expect(await api.ok('equipment/focuser/move', { position: 26000 })).toBe('Move started');
    expect((await rig.settled(api, 'equipment/focuser/info', (f) => f.Position === 26000 && !f.IsMoving)).Position).toBe(26000);
    expect(await api.ok('equipment/rotator/move-mechanical', { position: 45 })).toBe('Rotator move started');
    expect((await rig.settled(api, 'equipment/rotator/info', (r) => Math.round(r.MechanicalPosition) === 45 && !r.IsMoving)).MechanicalPosition).toBeCloseTo(45, 1);
    expect(await api.ok('equipment/rotator/reverse', { reverseDirection: true })).toBe('Reverse set');
    expect((await api.ok('equipment/rotator/info')).Reverse).toBe(true);
    // The simulator reports its instant move; INDI's rotator move is a property change, not an event.
    if (sim) expect(socket.messages.find((m) => m.Response.Event === 'ROTATOR-MOVED')?.Response).toEqual({ Event: 'ROTATOR-MOVED', From: 0, To: 45 });
  }, 60_000);

  it('changes filters by 0-based id with FILTERWHEEL-CHANGED', async () => {
    const { api, socket } = suite;
    expect(await api.ok('equipment/filterwheel/change-filter', { filterId: 4 })).toBe('Filter changed');
    expect((await api.ok('equipment/filterwheel/info')).SelectedFilter).toEqual({ Name: 'H_Alpha', Id: 4 });
    expect(await api.fails('equipment/filterwheel/change-filter', 409, { filterId: 42 })).toBe('Filter not available');
    expect((await api.ok('equipment/filterwheel/filter-info', { filterId: 1 })).Name).toBe('Red');
    expect(socket.messages.find((m) => m.Response.Event === 'FILTERWHEEL-CHANGED')?.Response).toEqual({ Event: 'FILTERWHEEL-CHANGED', Previous: { Name: 'Luminance', Id: 0 }, New: { Name: 'H_Alpha', Id: 4 } });
    // INDI slots count from 1.
    if (indi) expect(await indiValue(indi, 'Filter Simulator.FILTER_SLOT.FILTER_SLOT_VALUE')).toBe('5');
  });

  it('sets a writable switch and refuses a read-only one', async () => {
    const { api } = suite;
    // Simulator: 0 power, 1 dew heater %, 2 input voltage (ro). Power box: DIGITAL_OUTPUT_1, _2,
    // POWER_CONTROL_1, _2, DEW_PWM.DEW_A %, POWER_SENSORS.SENSOR_VOLTAGE (ro).
    const [dew, readOnly] = sim ? [1, 2] : [4, 5];
    expect(await api.ok('equipment/switch/set', { index: dew, value: 40 })).toBe('Switch value updated');
    const info = await api.ok('equipment/switch/info');
    expect(info.WritableSwitches.find((s: { Id: number }) => s.Id === dew)).toMatchObject({ Id: dew, Value: 40, Minimum: 0, Maximum: 100 });
    expect(await api.fails('equipment/switch/set', 400, { index: readOnly, value: 1 })).toBe('Invalid switch index');
    expect(await api.fails('equipment/switch/set', 400, { index: dew, value: 101 })).toMatch(/value must be between 0 and 100/);
    if (!indi) return;
    expect(info.ReadonlySwitches).toEqual([{ Id: 5, Name: 'Voltage (V)', Description: 'POWER_SENSORS.SENSOR_VOLTAGE', Value: 12.6 }]);
    expect(indi.powerBox.value('DEW_PWM', 'DEW_A')).toBe('40');
    expect(await api.ok('equipment/switch/set', { index: 1, value: 1 })).toBe('Switch value updated');
    expect(await api.ok('equipment/switch/set', { index: 3, value: 1 })).toBe('Switch value updated');
    expect(await api.ok('equipment/switch/set', { index: 0, value: 0 })).toBe('Switch value updated');
    expect([indi.powerBox.value('DIGITAL_OUTPUT_1', 'ON'), indi.powerBox.value('DIGITAL_OUTPUT_1', 'OFF'), indi.powerBox.value('DIGITAL_OUTPUT_2', 'ON')]).toEqual(['Off', 'On', 'On']);
    // POWER_CONTROL is AnyOfMany: switching port 2 on leaves port 1 on.
    expect([indi.powerBox.value('POWER_CONTROL', 'POWER_CONTROL_1'), indi.powerBox.value('POWER_CONTROL', 'POWER_CONTROL_2')]).toEqual(['On', 'On']);
    const writable = (await api.ok('equipment/switch/info')).WritableSwitches;
    expect(writable.map((s: { Name: string; Value: number }) => [s.Name, s.Value])).toEqual([
      ['DIGITAL_OUTPUT_1', 0],
      ['DIGITAL_OUTPUT_2', 1],
      ['Camera 12V', 1],
      ['Mount 12V', 1],
      ['Dew A (%)', 40],
    ]);
    expect(await api.fails('equipment/switch/set', 400, { index: 1, value: 0.5 })).toBe('value must be 0 or 1 for an on/off switch');
    expect((await api.ok('equipment/switch/list-devices'))[0].Name).toBe(POWER_BOX);
  });

  it('sets the flat panel light and brightness, and its cover where it has one', async () => {
    const { api, socket } = suite;
    expect(await api.ok('equipment/flatdevice/set-brightness', { brightness: 128 })).toBe('Flatdevice brightness set');
    expect(await api.ok('equipment/flatdevice/set-light', { on: true })).toBe('Flatdevice light set');
    expect(await api.ok('equipment/flatdevice/info')).toMatchObject({ Brightness: 128, LightOn: true, MinBrightness: 0, MaxBrightness: 255 });
    expect(await api.fails('equipment/flatdevice/set-brightness', 400, { brightness: 256 })).toMatch(/brightness must be between 0 and 255/);
    expect(socket.messages.find((m) => m.Response.Event === 'FLAT-BRIGHTNESS-CHANGED')?.Response).toEqual({ Event: 'FLAT-BRIGHTNESS-CHANGED', Previous: 0, New: 128 });
    expect(socket.events()).toContain('FLAT-LIGHT-TOGGLED');
    if (sim) {
      expect(await api.ok('equipment/flatdevice/set-cover', { closed: true })).toBe('Flatdevice cover set');
      expect((await api.ok('equipment/flatdevice/info')).CoverState).toBe('Closed');
    } else {
      // The 1.9.9 light-panel simulator defines no CAP_PARK (checked with indi_getprop).
      expect(await indiValue(indi!, 'Light Panel Simulator.FLAT_LIGHT_INTENSITY.FLAT_LIGHT_INTENSITY_VALUE')).toBe('128');
      expect(await api.ok('equipment/flatdevice/info')).toMatchObject({ CoverState: 'NotPresent', SupportsOpenClose: false });
      expect(await api.fails('equipment/flatdevice/set-cover', 409, { closed: true })).toBe('Light Panel Simulator has no cover (no CAP_PARK)');
    }
  });

  it('guides: GUIDER-START, guide steps in the graph, GUIDER-STOP', async () => {
    const { api, socket } = suite;
    expect(await api.ok('equipment/mount/tracking', { mode: 0 })).toBe('Tracking mode changed');
    expect(await api.ok('equipment/guider/start', { calibrate: true })).toBe('Guiding started');
    const graph = await rig.settled(api, 'equipment/guider/graph', (g) => g.GuideSteps.length >= 3);
    expect(graph.GuideSteps.length).toBeGreaterThanOrEqual(sim ? 1 : 3);
    const info = await api.ok('equipment/guider/info');
    // A real guide camera can lose a frame under load (then LostLock until the star is found again).
    expect(sim ? ['Guiding'] : ['Guiding', 'LostLock']).toContain(info.State);
    if (indi) {
      // 2.4 µm pixels behind the simulated 900 mm guide scope: 0.55″ per pixel. The mount tracks,
      // so the same star is measured again frame after frame: consecutive offsets agree to
      // centroid noise, and each pulse is the offset at 70 % × 0.55″/px ÷ (0.5 × 15.041″/s).
      expect(info.PixelScale).toBeCloseTo(0.55, 2);
      const [previous, last] = graph.GuideSteps.slice(-2);
      expect(Math.hypot(last.RADistanceRaw - previous.RADistanceRaw, last.DECDistanceRaw - previous.DECDistanceRaw)).toBeLessThan(2);
      const pulse = (px: number) => Math.sign(px) * Math.min(1000, Math.round((0.7 * Math.abs(px) * info.PixelScale) / ((0.5 * 15.041) / 1000))) || 0;
      expect([last.RADuration, last.DECDuration]).toEqual([pulse(last.RADistanceRaw), pulse(last.DECDistanceRaw)]);
    }
    expect(await api.ok('equipment/guider/stop')).toBe('Guiding stopped');
    expect((await api.ok('equipment/guider/info')).State).toBe('Stopped');
    expect(await api.ok('equipment/guider/clear-calibration')).toBe('Calibration cleared');
    expect(socket.events()).toEqual(expect.arrayContaining(['GUIDER-START', 'GUIDER-STOP']));
  }, 90_000);

  it('reports the weather and whether it is safe', async () => {
    const { api, socket } = suite;
    if (sim) {
      expect((await api.ok('equipment/safetymonitor/info')).IsSafe).toBe(true);
      expect((await api.ok('equipment/weather/info')).Temperature).toBe(9.4);
      return;
    }
    expect((await api.ok('equipment/safetymonitor/info')).IsSafe).toBe(true);
    expect(await api.ok('equipment/weather/info')).toMatchObject({ Temperature: 15, WindSpeed: 0, RainRate: 0, Humidity: 'NaN' });
    // Another INDI client changes the simulated weather: 12 °C, 18 km/h wind, 27 km/h gusts, rain.
    await indi!.setprop('Weather Simulator.WEATHER_CONTROL.Temperature;Wind;Gust;Precip=12;18;27;5');
    await indi!.setprop('Weather Simulator.WEATHER_REFRESH.REFRESH=On');
    const weather = await rig.settled(api, 'equipment/weather/info', (w) => w.Temperature === 12);
    expect(weather).toMatchObject({ Temperature: 12, RainRate: 5 });
    expect(weather.WindSpeed).toBeCloseTo(5, 6); // km/h → m/s
    expect(weather.WindGust).toBeCloseTo(7.5, 6);
    expect((await rig.settled(api, 'equipment/safetymonitor/info', (s) => !s.IsSafe)).IsSafe).toBe(false);
    expect(socket.messages.find((m) => m.Response.Event === 'SAFETY-CHANGED')?.Response).toEqual({ Event: 'SAFETY-CHANGED', IsSafe: false });
    await indi!.setprop('Weather Simulator.WEATHER_CONTROL.Temperature;Wind;Gust;Precip=15;0;0;0');
    await indi!.setprop('Weather Simulator.WEATHER_REFRESH.REFRESH=On');
    expect((await rig.settled(api, 'equipment/safetymonitor/info', (s) => s.IsSafe)).IsSafe).toBe(true);
    expect(socket.messages.filter((m) => m.Response.Event === 'SAFETY-CHANGED').map((m) => m.Response.IsSafe)).toEqual([false, true]);
  }, 60_000);
}

/** One element's value as indi-bin's own client reads it. */
async function indiValue(rig: IndiRig, element: string): Promise<string> {
  return (await rig.getprop(element)).split('=').slice(1).join('=');
}
