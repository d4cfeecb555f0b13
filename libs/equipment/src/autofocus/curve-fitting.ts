/**
 * The focus curves N.I.N.A.'s autofocus fits to (position, HFR) points: a parabola and a
 * hyperbola by least squares, and the two trend lines left and right of the best point.
 * Each fit gives its minimum (or intersection), an expression text and R² as the AF report shows.
 */

export interface CurvePoint {
  x: number;
  y: number;
}

export interface CurveFit {
  minimum: CurvePoint;
  expression: string;
  rSquared: number;
}

export interface TrendlineFit {
  intersection: CurvePoint;
  left: { expression: string; rSquared: number } | null;
  right: { expression: string; rSquared: number } | null;
}

function rSquared(points: CurvePoint[], model: (x: number) => number): number {
  const mean = points.reduce((s, p) => s + p.y, 0) / points.length;
  let residual = 0;
  let total = 0;
  for (const p of points) {
    residual += (p.y - model(p.x)) ** 2;
    total += (p.y - mean) ** 2;
  }
  return total === 0 ? Number.NaN : 1 - residual / total;
}

/** Solves a small linear system by Gaussian elimination with partial pivoting; null when singular. */
function solve(matrix: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  const x = Array.from({ length: n }, () => 0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let c = r + 1; c < n; c++) s -= a[r][c] * x[c];
    x[r] = s / a[r][r];
  }
  return x;
}

/** y = a·x² + b·x + c by least squares (x centred for a well-conditioned system); needs 3 points and a > 0. */
export function fitParabola(points: CurvePoint[]): CurveFit | null {
  if (points.length < 3) return null;
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const sums = [0, 0, 0, 0, 0];
  const rhs = [0, 0, 0];
  for (const p of points) {
    const u = p.x - cx;
    for (let k = 0; k <= 4; k++) sums[k] += u ** k;
    for (let k = 0; k <= 2; k++) rhs[2 - k] += p.y * u ** k;
  }
  const coef = solve(
    [
      [sums[4], sums[3], sums[2]],
      [sums[3], sums[2], sums[1]],
      [sums[2], sums[1], sums[0]],
    ],
    rhs,
  );
  if (!coef || coef[0] <= 0) return null;
  const [a, bu, cu] = coef;
  // Back to uncentred x: a(x−cx)² + bu(x−cx) + cu.
  const b = bu - 2 * a * cx;
  const c = a * cx * cx - bu * cx + cu;
  const model = (x: number) => a * x * x + b * x + c;
  const minX = -b / (2 * a);
  return { minimum: { x: minX, y: model(minX) }, expression: `y = ${a} * x^2 + ${b} * x + ${c}`, rSquared: rSquared(points, model) };
}

/**
 * y = a·√(1 + ((x − p)/b)²), N.I.N.A.'s hyperbola (a·cosh(asinh((p − x)/b))): for each (p, b)
 * the best a is linear, so the search runs over p and b only, coarse grid then refinement.
 */
export function fitHyperbola(points: CurvePoint[]): CurveFit | null {
  if (points.length < 3) return null;
  const xs = points.map((p) => p.x);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const span = hi - lo || 1;
  const errorOf = (p: number, b: number): { error: number; a: number } => {
    let sgy = 0;
    let sgg = 0;
    for (const pt of points) {
      const g = Math.sqrt(1 + ((pt.x - p) / b) ** 2);
      sgy += g * pt.y;
      sgg += g * g;
    }
    const a = sgy / sgg;
    let error = 0;
    for (const pt of points) error += (pt.y - a * Math.sqrt(1 + ((pt.x - p) / b) ** 2)) ** 2;
    return { error, a };
  };
  let best = { p: (lo + hi) / 2, b: span / 4, error: Infinity };
  for (let i = 0; i <= 60; i++) {
    const p = lo - span / 2 + (2 * span * i) / 60;
    for (let j = 0; j <= 40; j++) {
      const b = span * 10 ** (-3 + (4 * j) / 40);
      const { error } = errorOf(p, b);
      if (error < best.error) best = { p, b, error };
    }
  }
  // Pattern search: halve the steps until they are far below one focuser step.
  let dp = span / 30;
  let db = best.b / 2;
  while (dp > 1e-3) {
    let improved = false;
    for (const [p, b] of [
      [best.p + dp, best.b],
      [best.p - dp, best.b],
      [best.p, best.b + db],
      [best.p, best.b - db],
    ]) {
      if (b <= 0) continue;
      const { error } = errorOf(p, b);
      if (error < best.error) {
        best = { p, b, error };
        improved = true;
      }
    }
    if (!improved) {
      dp /= 2;
      db /= 2;
    }
  }
  const { a } = errorOf(best.p, best.b);
  if (!(a > 0)) return null;
  const model = (x: number) => a * Math.sqrt(1 + ((x - best.p) / best.b) ** 2);
  return {
    minimum: { x: best.p, y: a },
    expression: `y = ${a} * cosh(asinh((${best.p} - x) / ${best.b}))`,
    rSquared: rSquared(points, model),
  };
}

function line(points: CurvePoint[]): { slope: number; intercept: number; rSquared: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  return { slope, intercept, rSquared: rSquared(points, (x) => slope * x + intercept) };
}

/** Lines through the points left and right of the lowest one (N.I.N.A.'s trend lines); their crossing is the focus. */
export function fitTrendlines(points: CurvePoint[]): TrendlineFit | null {
  if (points.length < 3) return null;
  const lowest = points.reduce((m, p) => (p.y < m.y ? p : m));
  const left = line(points.filter((p) => p.x < lowest.x));
  const right = line(points.filter((p) => p.x > lowest.x));
  const text = (l: ReturnType<typeof line>) => l && { expression: `y = ${l.slope} * x + ${l.intercept}`, rSquared: l.rSquared };
  if (!left || !right || left.slope >= 0 || right.slope <= 0) return { intersection: { x: lowest.x, y: lowest.y }, left: text(left), right: text(right) };
  const x = (right.intercept - left.intercept) / (left.slope - right.slope);
  return { intersection: { x, y: left.slope * x + left.intercept }, left: text(left), right: text(right) };
}
