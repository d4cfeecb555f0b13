import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs on the development and CI machines: check what can be checked without one.
const root = join(__dirname, '../..');
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('docker/Dockerfile', () => {
  it('is multi-stage and runs as a non-root user with production dependencies only', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('builds with the build script and starts what start:prod starts', () => {
    const run = [...dockerfile.matchAll(/^RUN npm run (\S+)/gm)].map((m) => m[1]);
    for (const script of run) expect(pkg.scripts[script]).toBeDefined();
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd.join(' ')).toBe(pkg.scripts['start:prod']);
  });

  it('copies every folder the build reads', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    for (const path of ['package.json', 'package-lock.json', 'apps', 'libs', 'nest-cli.json', 'tsconfig.json', 'tsconfig.build.json']) expect(copied).toContain(path);
  });
});

describe('docker/compose.yaml', () => {
  const compose = parse(readFileSync(join(root, 'docker/compose.yaml'), 'utf8'));

  it('runs skygate on PostgreSQL once the database is healthy, with named volumes', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'skygate']);
    expect(compose.services.skygate.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.skygate.environment.DATABASE_URL).toMatch(/^postgres:\/\/skygate:.*@postgres:5432\/skygate$/);
    expect(Object.keys(compose.volumes).sort()).toEqual(['postgres-data', 'skygate-data']);
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.services.skygate.healthcheck.test.join(' ')).toContain('/health');
  });

  it('has no built-in password', () => {
    expect(compose.services.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });
});
