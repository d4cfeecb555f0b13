import { DEFAULT_FILE_PATTERN } from '../profile/nina/imaging-sections';
import type { CaptureMetadata } from './image-archive.service';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const clock = (d: Date) => `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);
const utcClock = (d: Date) => d.toISOString().slice(11, 19).replaceAll(':', '-');
const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '');
/** What cannot stand in a file name (N.I.N.A.'s ReplaceAllInvalidFilenameChars turns them into "-"). */
const safe = (text: string) =>
  [...text.trim()].map((c) => (c.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(c) ? '-' : c)).join('');

/**
 * The file path (without extension) N.I.N.A.'s image-file pattern gives a capture: `$$TOKEN$$`
 * macros as N.I.N.A. fills them (local time; numbers with two decimals; the frame number as
 * 0000), `\` or `/` separating folders. Macros Skygate does not know at save time (guiding RMS,
 * HFR, SQM...) become empty, as unset macros do in N.I.N.A.
 */
export function imageFilePath(pattern: string | undefined, meta: CaptureMetadata, frameNumber: number): string {
  const at = meta.capturedAt;
  const values: Record<string, string> = {
    FILTER: meta.filter,
    DATE: day(at),
    DATEUTC: utcDay(at),
    DATEMINUS12: day(new Date(at.getTime() - 12 * 3_600_000)),
    DATETIME: `${day(at)}_${clock(at)}`,
    TIME: clock(at),
    TIMEUTC: utcClock(at),
    MJD: fixed(at.getTime() / 86_400_000 + 40587, 8),
    FRAMENR: pad(frameNumber, 4),
    IMAGETYPE: meta.imageType,
    BINNING: `${meta.binning}x${meta.binning}`,
    SENSORTEMP: fixed(meta.temperature),
    EXPOSURETIME: fixed(meta.exposureSeconds),
    TARGETNAME: meta.targetName,
    GAIN: String(meta.gain),
    OFFSET: String(meta.offset),
    CAMERA: meta.cameraName,
    TELESCOPE: meta.telescopeName,
  };
  const filled = (pattern || DEFAULT_FILE_PATTERN).replace(/\$\$([A-Z0-9_]+)\$\$/g, (_, key: string) => safe(values[key] ?? ''));
  const parts = filled
    .split(/[\\/]/)
    .map((part) => safe(part))
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  return parts.length > 0 ? parts.join('/') : `${day(at)}_${clock(at)}`;
}
