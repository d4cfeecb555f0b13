/** The parts of N.I.N.A.'s MeridianFlipSettings the time to the flip depends on. */
export interface MeridianFlipTiming {
  MaxMinutesAfterMeridian: number;
  UseSideOfPier: boolean;
}

const modulo = (x: number, m: number) => ((x % m) + m) % m;
/** N.I.N.A.'s TimeToMeridian: hours until the object crosses the meridian (0..12). */
const hoursToMeridian = (raHours: number, lstHours: number) => modulo(raHours - lstHours, 12);
/** N.I.N.A.'s ExpectedPierSide: counterweight-down side for the hour angle. */
const expectedPierSide = (raHours: number, lstHours: number) => (modulo(raHours - lstHours, 24) < 12 ? 'pierWest' : 'pierEast');

/**
 * Hours until the meridian flip, as N.I.N.A. 3.2's MeridianFlip.TimeToMeridianFlip computes it
 * from the profile's MeridianFlipSettings: the meridian crossing shifted by the latest flip time
 * after it, and with UseSideOfPier a mount already on the far side has 12 h more.
 */
export function hoursToMeridianFlip(settings: MeridianFlipTiming, raHours: number, lstHours: number, sideOfPier: string): number {
  const maxAfter = settings.MaxMinutesAfterMeridian / 60;
  let flip = hoursToMeridian(raHours, modulo(lstHours - maxAfter, 24));
  if (settings.UseSideOfPier && sideOfPier !== 'pierUnknown') {
    const toMeridian = hoursToMeridian(raHours, lstHours);
    const expected = expectedPierSide(raHours, lstHours);
    if (toMeridian < 1 && expected !== sideOfPier) flip += 12;
    if (flip < 1 && toMeridian > 12 - maxAfter && expected === sideOfPier) flip += 12;
  }
  return flip >= 24 ? flip - 24 : flip;
}
