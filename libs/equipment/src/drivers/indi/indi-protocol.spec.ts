import { j2000ToJNow, jNowToJ2000 } from '../../devices/astro';
import { IndiStreamParser, newVector, type IndiMessage } from './indi-protocol';

describe('INDI stream parser', () => {
  it('parses interleaved top-level elements fed in arbitrary chunks, trimming values', () => {
    const messages: IndiMessage[] = [];
    const parser = new IndiStreamParser((m) => messages.push(m));
    const wire =
      '<defNumberVector device="Focuser Simulator" name="ABS_FOCUS_POSITION" state="Idle" perm="rw" timeout="60">' +
      '<defNumber name="FOCUS_ABSOLUTE_POSITION" format="%6.0f" min="0" max="100000" step="1000">\n      50000\n    </defNumber></defNumberVector>\n' +
      '<message device="Telescope Simulator" timestamp="2026-11-22T05:00:00" message="[WARNING] Please unpark the mount"/>' +
      '<setBLOBVector device="CCD Simulator" name="CCD1" state="Ok"><oneBLOB name="CCD1" size="5" format=".fits" len="5">\n' +
      Buffer.from('hello').toString('base64') +
      '\n</oneBLOB></setBLOBVector><delProperty device="Rotator Simulator" name="ABS_ROTATOR_ANGLE"/>';
    for (let i = 0; i < wire.length; i += 7) parser.write(wire.slice(i, i + 7));
    expect(messages.map((m) => m.type)).toEqual(['def', 'message', 'set', 'del']);
    const def = messages[0] as Extract<IndiMessage, { property: unknown }>;
    expect(def.property).toMatchObject({ device: 'Focuser Simulator', name: 'ABS_FOCUS_POSITION', kind: 'Number', state: 'Idle', timeout: 60 });
    expect(def.property.values.get('FOCUS_ABSOLUTE_POSITION')).toBe('50000');
    expect(def.property).toMatchObject({ perm: 'rw', limits: new Map([['FOCUS_ABSOLUTE_POSITION', { min: 0, max: 100000, step: 1000 }]]) });
    expect(messages[1]).toEqual({ type: 'message', device: 'Telescope Simulator', text: '[WARNING] Please unpark the mount' });
    const blob = (messages[2] as Extract<IndiMessage, { property: unknown }>).property.blobs.get('CCD1');
    expect(blob).toEqual({ format: '.fits', data: Buffer.from('hello') });
    expect(messages[3]).toEqual({ type: 'del', device: 'Rotator Simulator', name: 'ABS_ROTATOR_ANGLE' });
  });

  it('writes new*Vector messages with escaped attributes', () => {
    expect(newVector('Switch', 'Dome "A"', 'DOME_SHUTTER', { SHUTTER_OPEN: 'On' })).toBe('<newSwitchVector device="Dome &#34;A&#34;" name="DOME_SHUTTER"><oneSwitch name="SHUTTER_OPEN">On</oneSwitch></newSwitchVector>\n');
  });
});

describe('J2000 ↔ JNow', () => {
  it('precesses by about 50″ a year in RA near the equinox and round-trips', () => {
    const date = new Date('2026-11-22T00:00:00Z');
    const now = j2000ToJNow(0, 0, date);
    // 26.9 years × ~46.1″/yr in RA at RA 0, Dec 0 (m = 3.075 s/yr).
    expect(now.raDeg * 3600).toBeCloseTo(26.89 * 46.12, -1);
    const back = jNowToJ2000(now.raDeg, now.decDeg, date);
    expect(back.raDeg === 0 || back.raDeg > 359.99999 ? 0 : back.raDeg).toBeCloseTo(0, 6);
    expect(back.decDeg).toBeCloseTo(0, 6);
    const m31 = j2000ToJNow(10.6847, 41.269, date);
    const again = jNowToJ2000(m31.raDeg, m31.decDeg, date);
    expect(again.raDeg).toBeCloseTo(10.6847, 6);
    expect(again.decDeg).toBeCloseTo(41.269, 6);
  });
});
