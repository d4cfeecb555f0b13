import { builtModule, runInFreshNode } from '../../test/built-module';

const { file: built, describeBuilt } = builtModule('libs/core/src/runtime/v8-footprint.js', 'V8 footprint');

interface Seen {
  /** Full collections (ms after favourSpeedOnceStarted returned). */
  majorAtMs: number[];
  delayMs: number;
}

/** Calls favourSpeedOnceStarted in a fresh process and records its full collections; `waitMs` keeps the process alive. */
function run(waitMs: number): Seen {
  const script = `
    const { PerformanceObserver, performance, constants } = require('node:perf_hooks');
    const { favourSpeedOnceStarted, COLLECT_AFTER_LISTENING_MS } = require(${JSON.stringify(built)});
    const majors = [];
    const observer = new PerformanceObserver((list) => collect(list.getEntries()));
    const collect = (entries) => { for (const e of entries) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors.push(e.startTime); };
    observer.observe({ entryTypes: ['gc'] });
    favourSpeedOnceStarted();
    const returned = performance.now();
    process.on('exit', () => {
      collect(observer.takeRecords());
      console.log(JSON.stringify({ majorAtMs: majors.map((t) => t - returned), delayMs: COLLECT_AFTER_LISTENING_MS }));
    });
    if (${waitMs} > 0) setTimeout(() => undefined, ${waitMs});`;
  return runInFreshNode<Seen>(script);
}

describeBuilt('favourSpeedOnceStarted', () => {
  it('runs its full collection after the first answers, not before them', () => {
    const seen = run(2500);
    expect(seen.delayMs).toBeGreaterThan(0);
    expect(seen.majorAtMs.length).toBeGreaterThanOrEqual(1);
    // Not while the server would be answering its first requests: the one collection comes a delay later.
    expect(seen.majorAtMs.every((ms) => ms >= seen.delayMs - 50)).toBe(true);
  });

  it('does not keep a process alive for it', () => {
    expect(run(0).majorAtMs).toEqual([]);
  });
});
