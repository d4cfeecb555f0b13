import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The recorded ninaAPI replies in the project's shared folder (reference/nina-fixtures, from a
 * live rig: ninaAPI 2.2.15.2 on N.I.N.A. 3.2) and a structural comparer for them. The folder
 * is test data beside the repository, never read at run time; without it the tests skip.
 */
const FIXTURES = 'reference/nina-fixtures';
const repoRoot = resolve(__dirname, '../../..');
export const fixturesDir = [process.env.SKYGATE_SHARED_DIR, join(repoRoot, '../shared'), join(repoRoot, '../../shared')]
  .filter((d): d is string => !!d)
  .map((d) => join(d, FIXTURES))
  .find((p) => existsSync(p));

/** A recorded reply without the recorder's `_meta` (never on the wire). */
export function fixture(name: string): unknown {
  const body = JSON.parse(readFileSync(join(fixturesDir!, `${name}.json`), 'utf8')) as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) delete (body as Record<string, unknown>)._meta;
  return body;
}

export interface ShapeOptions {
  /** The recording keeps only some fields (the trimmed profiles): extra fields in the reply are fine. */
  subset?: boolean;
  /** Paths (as reported, e.g. `Response.Mount.SideOfPier`) whose differences are known and kept. */
  ignore?: string[];
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where `actual` differs from the recorded `expected` in field names, types or nesting. A number
 * may be the string "NaN" (ninaAPI writes NaN so); integers and floats are both numbers. Each
 * element of an array is compared with the recorded first element (empty arrays: no element to
 * compare). Returns one line per difference, empty when they match.
 */
export function shapeDiff(expected: unknown, actual: unknown, options: ShapeOptions = {}, path = ''): string[] {
  if (options.ignore?.includes(path)) return [];
  const isNumberLike = (v: unknown) => typeof v === 'number' || v === 'NaN';
  if (isNumberLike(expected)) return isNumberLike(actual) ? [] : [`${path}: expected a number, got ${kind(actual)} ${JSON.stringify(actual)}`];
  if (kind(expected) !== kind(actual)) return [`${path}: expected ${kind(expected)}, got ${kind(actual)} ${JSON.stringify(actual)?.slice(0, 80)}`];
  if (Array.isArray(expected)) {
    const items = actual as unknown[];
    if (expected.length === 0) return [];
    return items.flatMap((item, i) => shapeDiff(expected[0], item, options, `${path}[${i}]`));
  }
  if (kind(expected) !== 'object') return [];
  const want = expected as Record<string, unknown>;
  const got = actual as Record<string, unknown>;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const missing = Object.keys(want).filter((k) => !(k in got) && !options.ignore?.includes(at(k)));
  const extra = options.subset ? [] : Object.keys(got).filter((k) => !(k in want) && !options.ignore?.includes(at(k)));
  return [
    ...missing.map((k) => `${at(k)}: missing`),
    ...extra.map((k) => `${at(k)}: not in the recording`),
    ...Object.keys(want)
      .filter((k) => k in got)
      .flatMap((k) => shapeDiff(want[k], got[k], options, at(k))),
  ];
}
