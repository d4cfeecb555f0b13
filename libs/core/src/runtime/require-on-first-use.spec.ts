import { join } from 'node:path';
import { builtModule, repoRoot, runInFreshNode } from '../../test/built-module';

const { file: built, describeBuilt } = builtModule('libs/core/src/runtime/require-on-first-use.js', 'requireOnFirstUse');

function run(standIn: boolean) {
  const script = `
    const { requireOnFirstUse } = require(${JSON.stringify(built)});
    const installed = ${standIn} ? [requireOnFirstUse('libphonenumber-js/max', 'class-validator'), requireOnFirstUse('libphonenumber-js/max', 'class-validator')] : [];
    const metadataLoaded = () => Object.keys(require.cache).some((k) => k.endsWith('metadata.max.json'));
    const { isPhoneNumber, IsPhoneNumber, validateSync } = require('class-validator');
    const atLoad = metadataLoaded();
    class Contact { constructor(phone) { this.phone = phone; } }
    IsPhoneNumber('CH')(Contact.prototype, 'phone');
    const checks = [isPhoneNumber('+41 44 668 18 00', 'CH'), isPhoneNumber('12', 'CH'), validateSync(new Contact('not a number')).length, validateSync(new Contact('+41446681800')).length];
    console.log(JSON.stringify({ installed, atLoad, afterUse: metadataLoaded(), checks }));`;
  return runInFreshNode<{ installed: boolean[]; atLoad: boolean; afterUse: boolean; checks: unknown[] }>(script);
}

describeBuilt('requireOnFirstUse', () => {
  it('class-validator alone loads the phone number metadata with itself (what this saves)', () => {
    const seen = run(false);
    expect(seen.atLoad).toBe(true);
    expect(seen.checks).toEqual([true, false, 1, 0]);
  });

  it('leaves it out until a phone number is checked, which then answers as before', () => {
    const seen = run(true);
    expect(seen.installed).toEqual([true, false]);
    expect(seen.atLoad).toBe(false);
    expect(seen.afterUse).toBe(true);
    expect(seen.checks).toEqual([true, false, 1, 0]);
  });

  it("core's index leaves TypeORM's SQL formatter, the phone metadata and OpenTelemetry out, and the formatter still formats", () => {
    const index = join(repoRoot, 'dist/libs/core/src/index.js');
    const script = `
      require(${JSON.stringify(index)});
      const formatterFile = require.resolve('@sqltools/formatter', { paths: [require('node:path').dirname(require.resolve('typeorm'))] });
      // The stand-in sits at the package's main file; the real module's language files show it loaded.
      const otel = () => loaded('@opentelemetry/api/dist/trace/');
      const atLoad = { formatter: loaded('@sqltools/formatter/lib/languages/'), phone: loaded('metadata.max.json'), otel: otel(), typeorm: loaded('typeorm/index.js'), promClient: loaded('prom-client/index.js') };
      const formatted = require(formatterFile).format('select a, b from t where c = 1');
      // prom-client's default metrics (process CPU among them) collect without OpenTelemetry ...
      const prom = require('prom-client');
      const registry = new prom.Registry();
      prom.collectDefaultMetrics({ register: registry });
      registry.metrics().then((text) => {
        const cpuWithout = /process_cpu_user_seconds_total \\d/.test(text) && !otel();
        // ... and with exemplars, which read the active span, the stand-in loads it and it answers.
        const exemplars = new prom.Registry();
        exemplars.setContentType(prom.openMetricsContentType);
        prom.collectDefaultMetrics({ register: exemplars, enableExemplars: true });
        return exemplars.metrics().then((withExemplars) => {
          console.log(JSON.stringify({ atLoad, formatted, afterUse: loaded('@sqltools/formatter/lib/languages/'), cpuWithout, otelAfterExemplars: otel() && /process_cpu_user_seconds_total/.test(withExemplars) }));
        });
      });`;
    const seen = runInFreshNode<{ atLoad: Record<string, boolean>; formatted: string; afterUse: boolean; cpuWithout: boolean; otelAfterExemplars: boolean }>(script);
    expect(seen.atLoad).toEqual({ formatter: false, phone: false, otel: false, typeorm: true, promClient: true });
    expect([seen.cpuWithout, seen.otelAfterExemplars]).toEqual([true, true]);
    expect(seen.formatted).toMatch(/^SELECT\s+a,\s+b\s+FROM\s+t\s+WHERE\s+c = 1$/i);
    expect(seen.afterUse).toBe(true);
  });
});
