/**
 * The flat wizard's search: the frame mean grows linearly with exposure time (and with panel
 * brightness), mean = pedestal + slope · x. Two frames give the line; each further frame refines
 * it (secant steps) until the mean lies within the tolerance of the target, as N.I.N.A.'s
 * FlatWizard does. x is clamped to [min, max]; an unreachable target fails with a clear text.
 */
export interface SearchRange {
  min: number;
  max: number;
  /** Whole numbers only (panel brightness). */
  integer?: boolean;
}

export interface SearchTarget {
  /** Target mean in ADU. */
  mean: number;
  /** Allowed deviation as a share of the target (HistogramTolerance). */
  tolerance: number;
}

export interface SearchResult {
  value: number;
  mean: number;
  frames: number;
}

export class FlatSearchFailed extends Error {}

const MAX_FRAMES = 16;

interface Tried {
  x: number;
  mean: number;
}

/**
 * From the bottom of the range upwards until a frame is brighter than the target (extrapolating
 * the line, at most doubling), then regula falsi between the frames either side of it; a
 * saturated frame is not on the line, so next to one the step is a bisection.
 */
export async function searchFlatLevel(range: SearchRange, target: SearchTarget, measure: (value: number) => Promise<number>, saturation = 65535): Promise<SearchResult> {
  const clamp = (v: number) => {
    const c = Math.min(range.max, Math.max(range.min, v));
    return range.integer ? Math.round(c) : c;
  };
  const within = (mean: number) => Math.abs(mean - target.mean) <= target.tolerance * target.mean;
  const onLine = (t: Tried) => t.mean < saturation * 0.98;
  const lowPoints: Tried[] = [];
  let below: Tried | null = null;
  let above: Tried | null = null;
  let x = clamp(range.min);
  for (let frame = 1; frame <= MAX_FRAMES; frame++) {
    const mean = await measure(x);
    if (within(mean)) return { value: x, mean, frames: frame };
    const t = { x, mean };
    if (mean < target.mean) {
      below = below && below.x > x ? below : t;
      lowPoints.push(t);
    }
    else above = above && above.x < x ? above : t;
    let next: number;
    if (!above) {
      if (below!.x >= range.max) throw new FlatSearchFailed(`Target ADU ${Math.round(target.mean)} not reachable below ${range.max}`);
      next = Math.min(extrapolate(lowPoints, target.mean) ?? Math.max(below!.x, range.min > 0 ? range.min : (range.max - range.min) / 64) * 2, range.max);
    } else if (!below) {
      if (above.x <= range.min) throw new FlatSearchFailed(`Target ADU ${Math.round(target.mean)} not reachable above ${range.min}: the frame is too bright`);
      next = above.x / 2;
    } else if (onLine(above) && above.mean > below.mean) {
      next = below.x + ((target.mean - below.mean) * (above.x - below.x)) / (above.mean - below.mean);
    } else {
      next = (below.x + above.x) / 2;
    }
    const clamped = clamp(next);
    if (clamped === x || (below && above && range.integer && above.x - below.x <= 1)) {
      throw new FlatSearchFailed(`Target ADU ${Math.round(target.mean)} not reachable within the tolerance`);
    }
    x = clamped;
  }
  throw new FlatSearchFailed('Flat exposure could not be determined');
}

/** Along the line through the two brightest frames below the target, at most four times further. */
function extrapolate(points: Tried[], targetMean: number): number | null {
  if (points.length < 2) return null;
  const [a, b] = [...points].sort((p, q) => q.x - p.x);
  if (a.x === b.x || a.mean <= b.mean) return null;
  const guess = a.x + ((targetMean - a.mean) * (a.x - b.x)) / (a.mean - b.mean);
  return Math.min(guess, a.x * 4);
}
