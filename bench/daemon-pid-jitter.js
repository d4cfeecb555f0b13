// PID period jitter on the real clock: PIDs with a 0.5 s period run by the daemon runtime on
// PostgreSQL (each reading a simulated input, driving a simulated PWM heater), 1,000 periods in
// all; lateness of each period's step (its pid-state event, after the step's database reads)
// against its fixed schedule, p50/p99.
// Baseline in the same run, at the same time: a bare setTimeout loop re-armed for the same schedule.
// Usage: npm run build && BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/daemon-pid-jitter.js [periods] [pids]
// Default 1,000 periods spread over 4 PIDs staggered by 125 ms (~2 minutes); `1000 1` runs one PID for 500 s.
const { join } = require('node:path');
const { percentile, root, startAppOnPostgres } = require('./lib');

const PERIOD_MS = 500;

/** The same schedule with nothing but timers: what the event loop itself gives on this machine. */
async function timerBaseline(count) {
  const lateness = [];
  const start = performance.now();
  for (let k = 1; k <= count; k++) {
    const due = start + k * PERIOD_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    lateness.push(performance.now() - due);
  }
  return lateness;
}

async function main() {
  const periods = Number(process.argv[2] || 1000);
  const pidCount = Number(process.argv[3] || 4);
  const perPid = Math.ceil(periods / pidCount);
  const { EventBus } = require(join(root, 'dist/libs/core/src'));
  const { app, base, close } = await startAppOnPostgres('jitter', { hardware: { gpioDriver: 'simulated' } });
  const call = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, { method, headers: { Accept: 'application/vnd.mycodo.v1+json', 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const steps = new Map();
  const sub = app.get(EventBus).on('daemon.pid-state').subscribe(({ payload }) => steps.get(payload.pid_id)?.push(performance.now()));
  try {
    const pids = [];
    for (let n = 0; n < pidCount; n++) {
      const input = await call('POST', '/api/inputs/', { name: `Lens ${n}`, device: 'simulated', period: 0.5, channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { base: 8, amplitude: 1, period_s: 600 } }] });
      const inputId = input['input settings'].unique_id;
      const output = await call('POST', '/api/outputs/', { name: `Heater ${n}`, output_type: 'pwm', channels: [{ channel: 0, options: { pin: 12 + n } }] });
      const pid = await call('POST', '/api/pids/', {
        name: `PID ${n}`,
        period: 0.5,
        measurement: `${inputId},${input['device measurements'][0].unique_id}`,
        setpoint: 10,
        p: 10,
        i: 0.5,
        raise_output_id: `${output['output device'].unique_id},0`,
      });
      pids.push({ inputId, pidId: pid['pid settings'].unique_id });
    }
    for (const { inputId, pidId } of pids) {
      steps.set(pidId, []);
      await call('POST', `/api/controllers/${inputId}`, { activate: true });
      await call('POST', `/api/controllers/${pidId}`, { activate: true });
      await new Promise((resolve) => setTimeout(resolve, PERIOD_MS / pidCount));
    }
    const baselineRun = timerBaseline(perPid); // alongside the PIDs, under the same load
    const deadline = Date.now() + (perPid + 4) * PERIOD_MS + 10_000;
    while ([...steps.values()].some((s) => s.length < perPid + 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const { pidId } of pids) await call('POST', `/api/controllers/${pidId}`, { activate: false });
    const lateness = [];
    for (const times of steps.values()) {
      // The runtime keeps a fixed phase (start + k × period, never catching up): lateness is each
      // step's distance behind the earliest phase any of its steps achieved.
      const phases = times.slice(0, perPid + 1).map((t, k) => t - k * PERIOD_MS);
      const best = Math.min(...phases);
      lateness.push(...phases.slice(1).map((phase) => phase - best));
    }
    const baseline = await baselineRun;
    console.log(`\n${new Date().toISOString().slice(0, 10)}, PostgreSQL, ${lateness.length} periods of ${PERIOD_MS} ms over ${pidCount} PID(s) (each with its input at 0.5 s)`);
    console.log('| loop | periods | p50 ms late | p99 ms late | max ms late |');
    console.log('|---|---|---|---|---|');
    console.log(`| daemon PID step (pid-state event) | ${lateness.length} | ${percentile(lateness, 50).toFixed(2)} | ${percentile(lateness, 99).toFixed(2)} | ${Math.max(...lateness).toFixed(2)} |`);
    console.log(`| bare setTimeout, same schedule | ${baseline.length} | ${percentile(baseline, 50).toFixed(2)} | ${percentile(baseline, 99).toFixed(2)} | ${Math.max(...baseline).toFixed(2)} |`);
  } finally {
    sub.unsubscribe();
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
