import { nightDate } from './night';

describe('nightDate (local noon to next local noon)', () => {
  const paris = { timeZone: 'Europe/Paris', longitude: 2.35 };

  it('switches nights exactly at local noon', () => {
    // 2026-01-15 11:59:59 CET = 10:59:59Z, 12:00 CET = 11:00Z
    expect(nightDate(new Date('2026-01-15T10:59:59Z'), paris)).toBe('2026-01-14');
    expect(nightDate(new Date('2026-01-15T11:00:00Z'), paris)).toBe('2026-01-15');
    expect(nightDate(new Date('2026-01-15T23:30:00Z'), paris)).toBe('2026-01-15');
    expect(nightDate(new Date('2026-01-16T04:00:00Z'), paris)).toBe('2026-01-15');
  });

  it('follows the wall clock across a DST change (noon is 10:00Z in summer, 11:00Z in winter)', () => {
    // Europe switched to CEST on 2026-03-29 at 01:00Z.
    expect(nightDate(new Date('2026-03-28T10:30:00Z'), paris)).toBe('2026-03-27'); // 11:30 CET
    expect(nightDate(new Date('2026-03-29T10:30:00Z'), paris)).toBe('2026-03-29'); // 12:30 CEST
    expect(nightDate(new Date('2026-03-29T09:59:00Z'), paris)).toBe('2026-03-28'); // 11:59 CEST
    // The night of the change spans 23 hours: 2026-03-28 11:00Z to 2026-03-29 10:00Z.
    expect(nightDate(new Date('2026-03-29T00:30:00Z'), paris)).toBe('2026-03-28');
  });

  it('handles a site east of the date line (UTC+13 in summer)', () => {
    const auckland = { timeZone: 'Pacific/Auckland', longitude: 174.76 };
    // 2026-11-21 23:30Z = 2026-11-22 12:30 NZDT; 22:30Z = 11:30 NZDT
    expect(nightDate(new Date('2026-11-21T23:30:00Z'), auckland)).toBe('2026-11-22');
    expect(nightDate(new Date('2026-11-21T22:30:00Z'), auckland)).toBe('2026-11-21');
    const kiribati = { timeZone: 'Pacific/Kiritimati' }; // UTC+14
    expect(nightDate(new Date('2026-11-21T22:00:00Z'), kiribati)).toBe('2026-11-22');
  });

  it('uses mean solar time from the longitude when the site has no time zone', () => {
    // longitude 180E: UTC + 12 h; longitude 90W: UTC - 6 h
    expect(nightDate(new Date('2026-06-01T00:00:00Z'), { longitude: 180 })).toBe('2026-06-01');
    expect(nightDate(new Date('2026-06-01T23:59:00Z'), { longitude: 180 })).toBe('2026-06-01');
    expect(nightDate(new Date('2026-06-01T17:59:00Z'), { longitude: -90 })).toBe('2026-05-31');
    expect(nightDate(new Date('2026-06-01T18:00:00Z'), { longitude: -90 })).toBe('2026-06-01');
    expect(nightDate(new Date('2026-06-01T11:59:00Z'), {})).toBe('2026-05-31');
  });
});
