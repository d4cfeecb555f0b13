import { j2000ToJNow, jNowToJ2000 } from '../astro/astro';
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

  it('reads BLOB text past the XML parser with the same result at every chunk boundary', () => {
    const frame = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256));
    const base64 = frame.toString('base64').replace(/(.{72})/g, '$1\n');
    const wire =
      '<setNumberVector device="CCD Simulator" name="CCD_EXPOSURE" state="Busy"><oneNumber name="CCD_EXPOSURE_VALUE">0</oneNumber></setNumberVector>' +
      `<setBLOBVector device="CCD Simulator" name="CCD1" state="Ok"><oneBLOB name="CCD1" size="${frame.length}" format='.a>b' len="${frame.length}">\n${base64}\n</oneBLOB></setBLOBVector>` +
      '<setBLOBVector device="CCD Simulator" name="CCD2" state="Ok"><oneBLOB name="CCD2" size="0" format=".fits" len="0"/></setBLOBVector>' +
      '<setTextVector device="CCD Simulator" name="NOTE" state="Ok"><oneText name="T">&lt;oneBLOB&gt; is not a tag here</oneText></setTextVector>';
    const parse = (chunks: string[]) => {
      const messages: IndiMessage[] = [];
      const parser = new IndiStreamParser((m) => messages.push(m));
      for (const chunk of chunks) parser.write(chunk);
      return messages;
    };
    const whole = parse([wire]);
    expect(whole.map((m) => (m as Extract<IndiMessage, { property: unknown }>).property.name)).toEqual(['CCD_EXPOSURE', 'CCD1', 'CCD2', 'NOTE']);
    const blob = (whole[1] as Extract<IndiMessage, { property: unknown }>).property.blobs.get('CCD1');
    expect(blob).toEqual({ format: '.a>b', data: frame });
    expect((whole[2] as Extract<IndiMessage, { property: unknown }>).property.blobs.get('CCD2')).toEqual({ format: '.fits', data: Buffer.alloc(0) });
    expect((whole[3] as Extract<IndiMessage, { property: unknown }>).property.values.get('T')).toBe('<oneBLOB> is not a tag here');
    for (let cut = 1; cut < wire.length; cut += 1 + (cut % 13)) {
      expect({ cut, messages: parse([wire.slice(0, cut), wire.slice(cut)]) }).toEqual({ cut, messages: whole });
    }
    expect(parse([...wire])).toEqual(whole);
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
