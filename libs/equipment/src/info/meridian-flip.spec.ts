import { hoursToMeridianFlip } from './meridian-flip';

const settings = { MaxMinutesAfterMeridian: 10, UseSideOfPier: true };

describe("N.I.N.A.'s time to the meridian flip", () => {
  it('is the meridian crossing plus the latest flip time after it', () => {
    expect(hoursToMeridianFlip(settings, 5, 3, 'pierUnknown')).toBeCloseTo(2 + 10 / 60, 9);
    expect(hoursToMeridianFlip({ ...settings, MaxMinutesAfterMeridian: 30 }, 5, 3, 'pierUnknown')).toBeCloseTo(2.5, 9);
  });

  it('counts from the crossing past the meridian until the flip, then 12 h on a flipped mount', () => {
    // Five minutes past the meridian, not flipped yet (pierWest, ASCOM's side before the flip): due in 5 min.
    expect(hoursToMeridianFlip(settings, 3, 3 + 5 / 60, 'pierWest')).toBeCloseTo(5 / 60, 9);
    // The same position already flipped (pierEast, the side N.I.N.A. expects past the meridian): 12 h later.
    expect(hoursToMeridianFlip(settings, 3, 3 + 5 / 60, 'pierEast')).toBeCloseTo(12 + 5 / 60, 9);
    expect(hoursToMeridianFlip({ ...settings, UseSideOfPier: false }, 3, 3 + 5 / 60, 'pierWest')).toBeCloseTo(5 / 60, 9);
  });
});
