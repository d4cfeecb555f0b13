/**
 * The night an instant belongs to at an observing site. Arcsecond's night logs "run from local
 * noon to the next local noon"; Skygate's rule:
 *
 * - local time is the site's civil time when it has an IANA time zone (e.g. `Pacific/Auckland`),
 *   so daylight-saving changes move the boundary with the clock (noon stays 12:00 on the wall);
 * - otherwise it is mean solar time, UTC + longitude / 15 hours (east positive);
 * - a telescope without a site uses UTC (longitude 0).
 *
 * The night is named by the local date of its evening: an instant before 12:00 local belongs to
 * the night that started the previous day.
 */
export interface NightSite {
  timeZone?: string | null;
  longitude?: number | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Local calendar date and hour of an instant at the site. */
function localDateHour(instant: Date, site: NightSite): { y: number; m: number; d: number; hour: number } {
  if (site.timeZone) {
    const parts = Object.fromEntries(formatter(site.timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
    return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), hour: Number(parts.hour) };
  }
  const shifted = new Date(instant.getTime() + ((site.longitude ?? 0) / 15) * 3_600_000);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate(), hour: shifted.getUTCHours() };
}

/** `YYYY-MM-DD` of the night (local noon to next local noon) holding `instant`. */
export function nightDate(instant: Date, site: NightSite): string {
  const local = localDateHour(instant, site);
  const day = new Date(Date.UTC(local.y, local.m - 1, local.d));
  if (local.hour < 12) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
