// Counted on globalThis: the factory may run during the imports below, before this file's own variables exist.
type Counter = { astronomyEngineLoads?: number };
jest.mock('astronomy-engine', () => {
  const counter = globalThis as Counter;
  counter.astronomyEngineLoads = (counter.astronomyEngineLoads ?? 0) + 1;
  return jest.requireActual('astronomy-engine');
});
const astronomyLoads = () => (globalThis as Counter).astronomyEngineLoads ?? 0;

import { moonSeparation } from './moon-separation';

const SITE = { latitude: 48.2, longitude: 16.4, elevation: 200 };

describe('moonSeparation', () => {
  it('loads astronomy-engine with its first answer, not with the module', () => {
    expect(astronomyLoads()).toBe(0);
    moonSeparation(0, 0, SITE, new Date('2026-01-03T10:03:00Z'));
    moonSeparation(10, 10, SITE, new Date('2026-01-03T10:03:00Z'));
    expect(astronomyLoads()).toBe(1);
  });

  it('names the phase as N.I.N.A. does: full on 2026-01-03, new on 2026-01-18', () => {
    expect(moonSeparation(0, 0, SITE, new Date('2026-01-03T10:03:00Z')).MoonPhase).toBe('FullMoon');
    expect(moonSeparation(0, 0, SITE, new Date('2026-01-18T19:52:00Z')).MoonPhase).toBe('NewMoon');
  });

  it('measures ~0° to the Moon itself and ~180° to the point opposite it', () => {
    const { Body, Equator, MakeTime, Observer } = jest.requireActual<typeof import('astronomy-engine')>('astronomy-engine');
    const at = new Date('2026-03-10T21:00:00Z');
    const moon = Equator(Body.Moon, MakeTime(at), new Observer(SITE.latitude, SITE.longitude, SITE.elevation), false, true);
    expect(moonSeparation(moon.ra * 15, moon.dec, SITE, at).Separation).toBeLessThan(0.01);
    expect(moonSeparation((moon.ra * 15 + 180) % 360, -moon.dec, SITE, at).Separation).toBeGreaterThan(179.99);
  });
});
