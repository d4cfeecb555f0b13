import { parseFitsHeader } from '@app/core';
import { card, fitsHeader, valueCard } from '../../../core/test/header-builders';
import { calibrationTypeOf, frameMetadata, parseFitsDate } from './frame-metadata';

describe('frameMetadata', () => {
  const header = (records: string[]) => parseFitsHeader(fitsHeader([valueCard('SIMPLE', 'T'), valueCard('BITPIX', '16'), valueCard('NAXIS', '0'), ...records]));

  it('maps a NINA-style light frame to an observation', () => {
    const meta = frameMetadata(
      header([
        valueCard('IMAGETYP', "'LIGHT'"),
        valueCard('OBJECT', "'M 31'"),
        valueCard('EXPOSURE', '120.0'),
        valueCard('FILTER', "'Ha'"),
        valueCard('INSTRUME', "'ZWO ASI2600MM Pro'"),
        valueCard('TELESCOP', "'RedCat 51'"),
        card('DATE-OBS= 2026-01-15T03:00:00.123'),
      ]),
    );
    expect(meta).toMatchObject({ kind: 'observation', targetName: 'M 31', exposureTime: 120, filter: 'Ha', instrument: 'ZWO ASI2600MM Pro', telescope: 'RedCat 51', dateSource: 'DATE-OBS' });
    expect(meta.date?.toISOString()).toBe('2026-01-15T03:00:00.123Z');
  });

  it('recognises calibration frames in their many spellings', () => {
    expect(calibrationTypeOf('Bias Frame')).toBe('bias');
    expect(calibrationTypeOf('ZERO')).toBe('bias');
    expect(calibrationTypeOf('Dark Frame')).toBe('dark');
    expect(calibrationTypeOf('Flat Field')).toBe('flat');
    expect(calibrationTypeOf('Light Frame')).toBeUndefined();
    expect(frameMetadata(header([valueCard('FRAME', "'Dark'")]))).toMatchObject({ kind: 'calibration', calibrationType: 'dark' });
  });

  it('falls back from DATE-OBS to DATE with a flag, and joins TIME-OBS', () => {
    expect(frameMetadata(header([valueCard('DATE', "'2026-02-01T10:00:00'")]))).toMatchObject({ dateSource: 'DATE' });
    expect(frameMetadata(header([valueCard('DATE-OBS', "'2001-01-01'"), valueCard('TIME-OBS', "'22:10:05'")])).date?.toISOString()).toBe('2001-01-01T22:10:05.000Z');
    expect(frameMetadata(header([valueCard('MJD-OBS', '61000.5')])).dateSource).toBe('MJD-OBS');
    expect(frameMetadata(header([])).date).toBeUndefined();
  });

  it('parses FITS dates, refusing nonsense', () => {
    expect(parseFitsDate('2026-01-15T03:00:00+02:00')?.toISOString()).toBe('2026-01-15T01:00:00.000Z');
    expect(parseFitsDate('15/01/96')?.toISOString()).toBe('1996-01-15T00:00:00.000Z');
    expect(parseFitsDate('yesterday')).toBeUndefined();
    expect(parseFitsDate('2026-13-45')).toBeUndefined();
  });
});
