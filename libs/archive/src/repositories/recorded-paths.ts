import type { ObjectLiteral, Repository } from 'typeorm';

/** Bind parameters per query, well under PostgreSQL's 65,535. */
const BATCH = 1000;

/** Which of `paths` a table with a `relativePath` column has a row for. */
export async function recordedPaths<E extends ObjectLiteral & { relativePath: string }>(repo: Repository<E>, paths: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < paths.length; i += BATCH) {
    const rows = await repo
      .createQueryBuilder('t')
      .select('t.relativePath', 'path')
      .where('t.relativePath IN (:...paths)', { paths: paths.slice(i, i + BATCH) })
      .getRawMany<{ path: string }>();
    for (const row of rows) found.add(row.path);
  }
  return found;
}
