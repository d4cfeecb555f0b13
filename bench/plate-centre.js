// The centring loop on the simulator (real Tycho-2 sky, astrometry.net): the mount's pointing model
// is 1° off (SimulatorSettings-PointingErrorRaArcmin 60), then mount/slew?center=true&waitForResult=true
// runs slew, expose, solve, sync, slew ... until within PlateSolveSettings-Threshold (1′). Prints the
// wall time and the exposures of each run (counted from camera/info's IsExposing, polled every 50 ms)
// against one capture with solve=true in the same run (the baseline). Needs astrometry.net and the
// Tycho-2 index files (apt-get install astrometry.net astrometry-data-tycho2-07 astrometry-data-tycho2-08).
// Usage: npm run build && node bench/plate-centre.js [rounds]
const { startTarget, median } = require('./lib');

const TARGETS = [
  { ra: 83.8, dec: -5.4 }, // Orion's belt
  { ra: 56.75, dec: 24.1 }, // the Pleiades
  { ra: 201.3, dec: -11.2 }, // Spica
];

async function main() {
  const rounds = Number(process.argv[2] || 3);
  const server = await startTarget({ skygate: true });
  const api = async (path, query = {}) => {
    const body = await (await fetch(`${server.base}/v2/api/${path}?${new URLSearchParams(query)}`)).json();
    if (!body.Success) throw new Error(`${path}: ${body.Error}`);
    return body.Response;
  };
  const runs = { capture: [], centre: [] };
  try {
    for (const path of ['equipment/camera/connect', 'equipment/mount/connect', 'equipment/mount/unpark']) await api(path);
    for (let round = 0; round < rounds; round++) {
      const target = TARGETS[round % TARGETS.length];
      // Baseline: the mount synced on the target, one exposure and one solve.
      await api('profile/change-value', { settingpath: 'SimulatorSettings-PointingErrorRaArcmin', newValue: '0' });
      await api('equipment/mount/slew', { ...target, center: true, waitForResult: true });
      let started = Date.now();
      const solved = (await api('equipment/camera/capture', { solve: true, waitForResult: true, omitImage: true })).PlateSolveResult;
      if (!solved?.Success) throw new Error('the baseline capture did not solve');
      runs.capture.push(Date.now() - started);
      // The pointing model goes 1° off in RA (beyond the last sync), then the loop brings it back.
      await api('profile/change-value', { settingpath: 'SimulatorSettings-PointingErrorRaArcmin', newValue: '60' });
      let exposures = 0;
      let exposing = false;
      const poll = setInterval(() => {
        api('equipment/camera/info').then((info) => {
          if (info.IsExposing && !exposing) exposures++;
          exposing = info.IsExposing;
        }, () => undefined);
      }, 50);
      started = Date.now();
      await api('equipment/mount/slew', { ...target, center: true, waitForResult: true });
      clearInterval(poll);
      runs.centre.push({ ms: Date.now() - started, exposures });
      process.stderr.write(`round ${round + 1}: capture+solve ${runs.capture.at(-1)} ms, centring ${runs.centre.at(-1).ms} ms with ${exposures} exposures\n`);
    }
  } finally {
    await server.stop();
  }
  const capture = median(runs.capture);
  const centre = median(runs.centre.map((r) => r.ms));
  console.log(`\n${new Date().toISOString().slice(0, 10)}, simulator (480 mm, 1280×1024 × 3.76 µm, 2 s exposures), ${rounds} rounds, median`);
  console.log('| run | wall ms | exposures | vs one capture+solve |');
  console.log('|---|---|---|---|');
  console.log(`| capture with solve=true (baseline) | ${capture} | 1 | 1.00 |`);
  console.log(`| centring from 1° off to within 1′ | ${centre} | ${median(runs.centre.map((r) => r.exposures))} | ${(centre / capture).toFixed(2)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
