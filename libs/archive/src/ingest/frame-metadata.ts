import type { FitsValue, ParsedHeader } from '@app/core';

export type CalibrationType = 'bias' | 'dark' | 'flat';

/** What an Observation or Calibration records about a frame, read from its header. */
export interface FrameMetadata {
  kind: 'observation' | 'calibration';
  calibrationType?: CalibrationType;
  /** The frame type as written (IMAGETYP, FRAME or OBSTYPE). */
  frameType?: string;
  targetName?: string;
  exposureTime?: number;
  filter?: string;
  instrument?: string;
  telescope?: string;
  observer?: string;
  date?: Date;
  /** Which keyword gave the date; `DATE` is the file's creation time, so it is flagged. */
  dateSource?: 'DATE-OBS' | 'DATE-BEG' | 'MJD-OBS' | 'Observation:Time:Start' | 'DATE';
}

const text = (v: FitsValue | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const number = (v: FitsValue | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

/** Normalises 'Bias Frame', 'DARK', 'Flat Field', 'zero' ... to a calibration type. */
export function calibrationTypeOf(frameType: string | undefined): CalibrationType | undefined {
  const t = frameType?.toLowerCase() ?? '';
  if (/\bbias\b|\bzero\b/.test(t)) return 'bias';
  if (/\bflat/.test(t)) return 'flat';
  if (/\bdark/.test(t)) return 'dark';
  return undefined;
}

/** ISO-8601 date or date-time, UTC unless it names an offset; the old DD/MM/YY form too. */
export function parseFitsDate(value: string | undefined, time?: string): Date | undefined {
  if (!value) return undefined;
  let iso = value.trim();
  const old = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(iso);
  if (old) iso = `19${old[3]}-${old[2]}-${old[1]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && time && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(time.trim())) iso = `${iso}T${time.trim()}`;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(iso)) return undefined;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += iso.length === 10 ? 'T00:00:00Z' : 'Z';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function observationDate(header: ParsedHeader): Pick<FrameMetadata, 'date' | 'dateSource'> {
  const k = header.keywords;
  const obs = parseFitsDate(text(k['DATE-OBS']) ?? text(k.DATE_OBS), text(k['TIME-OBS']) ?? text(k.UT));
  if (obs) return { date: obs, dateSource: 'DATE-OBS' };
  const beg = parseFitsDate(text(k['DATE-BEG']));
  if (beg) return { date: beg, dateSource: 'DATE-BEG' };
  const mjd = number(k['MJD-OBS']);
  if (mjd !== undefined) return { date: new Date((mjd - 40587) * 86_400_000), dateSource: 'MJD-OBS' };
  const start = parseFitsDate(header.properties?.['Observation:Time:Start']);
  if (start) return { date: start, dateSource: 'Observation:Time:Start' };
  const created = parseFitsDate(text(k.DATE));
  return created ? { date: created, dateSource: 'DATE' } : {};
}

/**
 * Maps header keywords to frame metadata, with XISF properties as fallbacks:
 * target OBJECT (Observation:Object:Name); exposure EXPTIME, EXPOSURE, XPOSURE
 * (Instrument:ExposureTime); filter FILTER (Instrument:Filter:Name); instrument INSTRUME
 * (Instrument:Camera:Name); telescope TELESCOP (Instrument:Telescope:Name); frame type IMAGETYP,
 * FRAME, OBSTYPE; date DATE-OBS (+TIME-OBS/UT), DATE-BEG, MJD-OBS, Observation:Time:Start, and
 * last DATE (the file's creation time, flagged by dateSource = 'DATE'). Times are UTC.
 */
export function frameMetadata(header: ParsedHeader): FrameMetadata {
  const k = header.keywords;
  const p = header.properties ?? {};
  const frameType = text(k.IMAGETYP) ?? text(k.FRAME) ?? text(k.OBSTYPE);
  const calibrationType = calibrationTypeOf(frameType);
  return {
    kind: calibrationType ? 'calibration' : 'observation',
    calibrationType,
    frameType,
    targetName: text(k.OBJECT) ?? p['Observation:Object:Name'],
    exposureTime: number(k.EXPTIME) ?? number(k.EXPOSURE) ?? number(k.XPOSURE) ?? number(p['Instrument:ExposureTime']),
    filter: text(k.FILTER) ?? p['Instrument:Filter:Name'],
    instrument: text(k.INSTRUME) ?? p['Instrument:Camera:Name'],
    telescope: text(k.TELESCOP) ?? p['Instrument:Telescope:Name'],
    observer: text(k.OBSERVER),
    ...observationDate(header),
  };
}
