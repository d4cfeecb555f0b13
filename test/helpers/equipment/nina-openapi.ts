import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * ninaAPI's own 2.2.15 OpenAPI document (test data from the project's shared folder) and the
 * validation of recorded answers against it (nina-openapi-validate.mjs, in a plain Node process).
 */
export const NINA_SPEC_NAME = 'reference/specs/ninaapi-2.2.15.openapi.yaml';

export function findNinaSpec(): string | undefined {
  const repoRoot = resolve(__dirname, '../../..');
  return [process.env.SKYGATE_SHARED_DIR, join(repoRoot, '../shared'), join(repoRoot, '../../shared')]
    .filter((d): d is string => !!d)
    .map((d) => join(d, NINA_SPEC_NAME))
    .find((p) => existsSync(p));
}

/** The problems found (empty when every answer is one the document allows). */
export async function validateNinaAnswers(specPath: string, answers: { path: string; body: unknown }[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nina-openapi-'));
  try {
    await writeFile(join(dir, 'answers.json'), JSON.stringify(answers));
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'nina-openapi-validate.mjs'), specPath, join(dir, 'answers.json')], { maxBuffer: 16 << 20 });
    return JSON.parse(stdout) as string[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
