import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hfrIncreasePercent } from '../engine/conditions-triggers';
import { allEntities } from '../model/sequence-entity';
import { readSequence, SequenceFormatError } from './nina-reader';
import { sequenceJson, timeSpan } from './sequence-views';
import { editSequence } from './sequence-edit';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/nina-sequences', name), 'utf8');

describe("reading N.I.N.A.'s saved sequence JSON", () => {
  it('reads areas, targets with sexagesimal coordinates, Smart Exposures and triggers; follows $values', () => {
    const { tree, unknown } = readSequence(fixture('two-targets-night.json'));
    expect(unknown).toEqual([]);
    expect(tree.name).toBe('Two targets');
    expect(tree.start.items.map((i) => i.type)).toEqual(['CoolCamera', 'OpenDomeShutter', 'UnparkScope', 'Annotation']);
    const [m42, m1] = tree.targets.items;
    expect(m42.fields.Target).toEqual({ name: 'M 42', raDeg: expect.closeTo(83.822, 3), decDeg: expect.closeTo(-5.391, 3), rotation: 0 });
    // The deprecated "Rotation" key of older files is read too.
    expect(m1.fields.Target).toMatchObject({ name: 'M 1', decDeg: expect.closeTo(22.014, 3) });
    expect(m42.items[2].fields).toMatchObject({ ExposureTime: 300, Iterations: 6, DitherAfter: 3, Filter: { name: 'Luminance', position: 0 }, Binning: { X: 1, Y: 1 } });
    expect(m42.conditions.map((c) => [c.type, c.fields.Offset ?? c.fields.Iterations])).toEqual([['AltitudeCondition', 30], ['LoopCondition', 2]]);
    expect(tree.globalTriggers.map((g) => g.name)).toEqual(['Park When Unsafe']);
  });

  it('keeps unknown $types as DISABLED entities and names them by their edit path', () => {
    const { tree, unknown } = readSequence(fixture('with-unknown-items.json'));
    expect(unknown).toEqual(['GlobalTriggers-1: TargetScheduler.Sequencer.PsfGuardTrigger, TargetScheduler', 'Start-Items-1: NINA.Plugin.Discord.SequenceItems.SendToDiscord, NINA.Plugin.Discord']);
    expect(allEntities(tree).filter((e) => e.status === 'DISABLED').map((e) => e.name)).toEqual(['PsfGuardTrigger', 'SendToDiscord']);
  });

  it('refuses what is not a sequence with a message', () => {
    expect(() => readSequence('{not json')).toThrow(SequenceFormatError);
    expect(() => readSequence('{"Name": "x"}')).toThrow('no $type');
    expect(() => readSequence({ $type: 'NINA.Sequencer.SequenceItem.Utility.Annotation, NINA.Sequencer' })).toThrow(/SequenceRootContainer or a DeepSkyObjectContainer/);
  });

  it('renders sequence/json with the suffixes and ninaAPI field names', () => {
    const { tree } = readSequence(fixture('target-only.json'));
    const json = sequenceJson(tree);
    expect(json[0]).toEqual({ GlobalTriggers: [] });
    expect(json[2]).toMatchObject({ Name: 'Targets_Container', Items: [{ Name: 'M 1_Container', Conditions: [{ Name: 'Loop until Altitude Below_Condition', Altitude: 20 }] }] });
    expect((json[2].Items as { Items: unknown[] }[])[0].Items[0]).toMatchObject({ Name: 'Wait for Altitude', Altitude: 20 });
  });

  it('edits simple settings by path and refuses the rest', () => {
    const { tree } = readSequence(fixture('two-targets-night.json'));
    editSequence(tree, 'Start-Items-0-Temperature', '-15');
    expect(tree.start.items[0].fields.Temperature).toBe(-15);
    expect(() => editSequence(tree, 'Start-Items-0-Temperature', 'cold')).toThrow('"cold" is not a number');
    expect(() => editSequence(tree, 'Imaging-Items-0-Target', 'x')).toThrow('Invalid path');
    expect(() => editSequence(tree, 'Middle-Items-0', 'x')).toThrow('Invalid path');
  });
});

describe('helpers', () => {
  it('writes .NET TimeSpans', () => {
    expect(timeSpan(0)).toBe('00:00:00');
    expect(timeSpan(16_710_744.5782)).toBe('04:38:30.7445782');
    expect(timeSpan(90_061_000)).toBe('1.01:01:01');
  });

  it("measures the HFR trend as N.I.N.A.'s trigger does: a line through the last samples", () => {
    expect(hfrIncreasePercent([2, 2], 10)).toBe(0);
    expect(hfrIncreasePercent([2, 2, 2, 2], 4)).toBeCloseTo(0, 6);
    expect(hfrIncreasePercent([2, 2.2, 2.4, 2.6], 4)).toBeCloseTo(30, 6);
    expect(hfrIncreasePercent([9, 9, 2, 2.2, 2.4, 2.6], 4)).toBeCloseTo(30, 6);
  });
});
