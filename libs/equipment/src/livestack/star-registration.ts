/**
 * Registers a frame on a reference by its stars: triangles of bright stars are compared by
 * their side ratios (unchanged by shift and rotation), each matching triangle proposes a rigid
 * transform (rotation + translation), the one most star pairs agree with wins, and a least-squares
 * fit over those pairs refines it to a fraction of a pixel.
 */

export interface StarPoint {
  x: number;
  y: number;
  flux: number;
}

/** Maps a frame position onto the reference: (x, y) → (cos·x − sin·y + dx, sin·x + cos·y + dy). */
export interface RigidTransform {
  rotationRad: number;
  dx: number;
  dy: number;
  /** Star pairs the transform was fitted to. */
  matches: number;
  /** Root mean square distance of those pairs after the transform, in pixels. */
  rmsPx: number;
}

const { cos, sin, atan2, hypot, abs } = Math;

/** Bright stars used per frame: enough for robust matching, few enough for N³ triangles. */
const TRIANGLE_STARS = 14;
const MATCH_RADIUS_PX = 2.5;
const RATIO_TOLERANCE = 0.01;

interface Triangle {
  /** Vertex indices ordered by the opposite side, longest first. */
  v: [number, number, number];
  /** Shorter sides over the longest. */
  ratios: [number, number];
}

export function brightest(stars: StarPoint[], count: number): StarPoint[] {
  return [...stars].sort((a, b) => b.flux - a.flux).slice(0, count);
}

function triangles(stars: StarPoint[]): Triangle[] {
  const out: Triangle[] = [];
  const d = (a: number, b: number) => hypot(stars[a].x - stars[b].x, stars[a].y - stars[b].y);
  for (let i = 0; i < stars.length; i++) {
    for (let j = i + 1; j < stars.length; j++) {
      for (let k = j + 1; k < stars.length; k++) {
        // Side opposite each vertex; order vertices by it so matched triangles pair their corners.
        const sides: [number, number][] = [
          [d(j, k), i],
          [d(i, k), j],
          [d(i, j), k],
        ];
        sides.sort((a, b) => b[0] - a[0]);
        if (sides[0][0] < 20 || sides[2][0] / sides[0][0] < 0.15) continue; // tiny or needle-thin: unstable
        out.push({ v: [sides[0][1], sides[1][1], sides[2][1]], ratios: [sides[1][0] / sides[0][0], sides[2][0] / sides[0][0]] });
      }
    }
  }
  return out;
}

/** Least-squares rotation + translation taking `from` points onto `to` points (2D Procrustes). */
export function fitRigid(from: { x: number; y: number }[], to: { x: number; y: number }[]): Omit<RigidTransform, 'matches' | 'rmsPx'> {
  const n = from.length;
  let fx = 0;
  let fy = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    fx += from[i].x;
    fy += from[i].y;
    tx += to[i].x;
    ty += to[i].y;
  }
  fx /= n;
  fy /= n;
  tx /= n;
  ty /= n;
  let sc = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const ax = from[i].x - fx;
    const ay = from[i].y - fy;
    const bx = to[i].x - tx;
    const by = to[i].y - ty;
    sc += ax * bx + ay * by;
    ss += ax * by - ay * bx;
  }
  const rotationRad = atan2(ss, sc);
  const c = cos(rotationRad);
  const s = sin(rotationRad);
  return { rotationRad, dx: tx - (c * fx - s * fy), dy: ty - (s * fx + c * fy) };
}

export function applyRigid(t: Omit<RigidTransform, 'matches' | 'rmsPx'>, x: number, y: number): [number, number] {
  const c = cos(t.rotationRad);
  const s = sin(t.rotationRad);
  return [c * x - s * y + t.dx, s * x + c * y + t.dy];
}

/** Pairs every frame star with the nearest reference star within the radius after the transform. */
function pairs(t: Omit<RigidTransform, 'matches' | 'rmsPx'>, frame: StarPoint[], reference: StarPoint[], radius: number) {
  const from: StarPoint[] = [];
  const to: StarPoint[] = [];
  let sq = 0;
  for (const star of frame) {
    const [x, y] = applyRigid(t, star.x, star.y);
    let best: StarPoint | null = null;
    let bestD2 = radius * radius;
    for (const r of reference) {
      const ddx = r.x - x;
      const ddy = r.y - y;
      const d2 = ddx * ddx + ddy * ddy;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = r;
      }
    }
    if (best) {
      from.push(star);
      to.push(best);
      sq += bestD2;
    }
  }
  return { from, to, rms: from.length ? Math.sqrt(sq / from.length) : Infinity };
}

/** The transform from the frame onto the reference, or null when too few stars agree. */
export function registerStars(reference: StarPoint[], frame: StarPoint[]): RigidTransform | null {
  const ref = brightest(reference, TRIANGLE_STARS);
  const cur = brightest(frame, TRIANGLE_STARS);
  const refTriangles = triangles(ref);
  const curTriangles = triangles(cur);
  if (refTriangles.length === 0 || curTriangles.length === 0) return null;
  const allRef = brightest(reference, 60);
  const allCur = brightest(frame, 60);
  let best: { t: Omit<RigidTransform, 'matches' | 'rmsPx'>; votes: number } | null = null;
  refTriangles.sort((p, q) => p.ratios[0] - q.ratios[0]);
  // Enough agreeing stars to stop looking: most of the bright ones.
  const convincing = Math.ceil(0.6 * Math.min(allRef.length, allCur.length));
  search: for (const a of curTriangles) {
    for (let i = lowerBound(refTriangles, a.ratios[0] - RATIO_TOLERANCE); i < refTriangles.length; i++) {
      const b = refTriangles[i];
      if (b.ratios[0] > a.ratios[0] + RATIO_TOLERANCE) break;
      if (abs(a.ratios[1] - b.ratios[1]) > RATIO_TOLERANCE) continue;
      const t = fitRigid(
        a.v.map((i) => cur[i]),
        b.v.map((i) => ref[i]),
      );
      const votes = pairs(t, allCur, allRef, MATCH_RADIUS_PX).from.length;
      if (!best || votes > best.votes) best = { t, votes };
      if (votes >= convincing) break search;
    }
  }
  if (!best || best.votes < 4) return null;
  // Refine on every agreeing pair, twice (the first refit may admit a few more pairs).
  let t = best.t;
  let matched = pairs(t, allCur, allRef, MATCH_RADIUS_PX);
  for (let round = 0; round < 2; round++) {
    t = fitRigid(matched.from, matched.to);
    matched = pairs(t, allCur, allRef, MATCH_RADIUS_PX);
  }
  return { ...t, matches: matched.from.length, rmsPx: matched.rms };
}

/** First index whose first ratio is at least `value` (the list is sorted by it). */
function lowerBound(list: Triangle[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].ratios[0] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
