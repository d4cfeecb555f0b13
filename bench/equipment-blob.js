// Time from the last byte of an INDI camera BLOB (a 1280×1024 16-bit FITS, 2,629,440 bytes like
// indi-bin's CCD simulator) to the IMAGE-SAVE message on a /v2/socket client. A minimal INDI
// server in this process plays "CCD Simulator" so the moment its last byte is written is known;
// Skygate (built) runs the indi camera driver against it. The interval covers TCP, XML parsing,
// base64 and FITS decoding, statistics, star detection, the FITS write (fsync), the database row
// and the websocket send. Usage: npm run build && node bench/equipment-blob.js [captures] [--baseline <checkout>]
// (--baseline: another built checkout, e.g. main, measured interleaved with this one under the same load).
const { readFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { join } = require('node:path');
const { WebSocket } = require('ws');
const { startTarget, freePort } = require('./lib');

const WIDTH = 1280;
const HEIGHT = 1024;

function fitsFrame(seed) {
  const card = (s) => s.padEnd(80);
  const header = [
    card('SIMPLE  =                    T'),
    card('BITPIX  =                   16'),
    card('NAXIS   =                    2'),
    card(`NAXIS1  = ${String(WIDTH).padStart(20)}`),
    card(`NAXIS2  = ${String(HEIGHT).padStart(20)}`),
    card('BZERO   =                32768'),
    card('END'),
  ].join('');
  const head = Buffer.alloc(2880, 0x20);
  head.write(header, 0, 'ascii');
  const data = Buffer.alloc(Math.ceil((WIDTH * HEIGHT * 2) / 2880) * 2880);
  let x = seed;
  for (let i = 0; i < WIDTH * HEIGHT; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    data.writeInt16BE(1000 + (x % 64) - 32768, i * 2);
  }
  return Buffer.concat([head, data]);
}

const DEFS = (dev) =>
  [
    `<defSwitchVector device="${dev}" name="CONNECTION" state="Idle" perm="rw" rule="OneOfMany" timeout="60"><defSwitch name="CONNECT">Off</defSwitch><defSwitch name="DISCONNECT">On</defSwitch></defSwitchVector>`,
    `<defNumberVector device="${dev}" name="CCD_INFO" state="Ok" perm="ro"><defNumber name="CCD_MAX_X">${WIDTH}</defNumber><defNumber name="CCD_MAX_Y">${HEIGHT}</defNumber><defNumber name="CCD_PIXEL_SIZE">5.2</defNumber><defNumber name="CCD_BITSPERPIXEL">16</defNumber></defNumberVector>`,
    `<defNumberVector device="${dev}" name="CCD_EXPOSURE" state="Idle" perm="rw" timeout="60"><defNumber name="CCD_EXPOSURE_VALUE">1</defNumber></defNumberVector>`,
    `<defBLOBVector device="${dev}" name="CCD1" state="Idle" perm="ro"><defBLOB name="CCD1"/></defBLOBVector>`,
  ].join('\n');

async function fakeIndiServer(port, onBlobWritten) {
  const dev = 'CCD Simulator';
  let frame = 0;
  const server = createServer((socket) => {
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      if (buffer.includes('<getProperties')) socket.write(DEFS(dev));
      if (buffer.includes('name="CONNECTION"')) socket.write(`<setSwitchVector device="${dev}" name="CONNECTION" state="Ok"><oneSwitch name="CONNECT">On</oneSwitch><oneSwitch name="DISCONNECT">Off</oneSwitch></setSwitchVector>\n`);
      if (buffer.includes('name="CCD_EXPOSURE"')) {
        const fits = fitsFrame(++frame);
        const xml = `<setBLOBVector device="${dev}" name="CCD1" state="Ok"><oneBLOB name="CCD1" size="${fits.length}" format=".fits" len="${fits.length}">${fits.toString('base64')}</oneBLOB></setBLOBVector>\n`;
        socket.write(`<setNumberVector device="${dev}" name="CCD_EXPOSURE" state="Busy"><oneNumber name="CCD_EXPOSURE_VALUE">0</oneNumber></setNumberVector>\n`);
        socket.write(xml, () => onBlobWritten(performance.now()));
        socket.write(`<setNumberVector device="${dev}" name="CCD_EXPOSURE" state="Ok"><oneNumber name="CCD_EXPOSURE_VALUE">0</oneNumber></setNumberVector>\n`);
      }
      buffer = buffer.slice(buffer.lastIndexOf('>') + 1);
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux): a number that load on a shared machine does not inflate. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** One Skygate (this checkout's build, or another's with --baseline) with its own fake INDI camera. */
async function startRig(script) {
  let blobWrittenAt = 0;
  const indiPort = await freePort();
  const indi = await fakeIndiServer(indiPort, (t) => (blobWrittenAt = t));
  const server = await startTarget(script ? { script } : { skygate: true });
  const get = async (path) => (await fetch(`${server.base}/v2/api/${path}`)).json();
  await get(`profile/change-value?settingpath=IndiSettings-Port&newValue=${indiPort}`);
  await get('profile/change-value?settingpath=EquipmentDrivers-camera&newValue=indi');
  const connected = await get('equipment/camera/connect');
  if (!connected.Success) throw new Error(JSON.stringify(connected));
  const ws = new WebSocket(`${server.base.replace('http', 'ws')}/v2/socket`);
  await new Promise((r) => ws.once('open', r));
  return {
    samples: [],
    cpu: () => cpuSeconds(server.pid),
    async capture() {
      // IMAGE-SAVE is the measured moment; API-CAPTURE-FINISHED follows once the camera is free
      // again, and the next capture must wait for it ("Camera currently exposing" otherwise).
      const saved = new Promise((resolve) => {
        let savedAt;
        const onMessage = (data) => {
          const event = JSON.parse(String(data)).Response.Event;
          if (event === 'IMAGE-SAVE') savedAt = performance.now();
          if (event !== 'API-CAPTURE-FINISHED' || savedAt === undefined) return;
          ws.off('message', onMessage);
          resolve(savedAt);
        };
        ws.on('message', onMessage);
      });
      let started = await get('equipment/camera/capture?duration=0.001&imageType=LIGHT');
      // Rarely answered right after API-CAPTURE-FINISHED (cause not found, bench/README.md).
      for (let i = 0; i < 50 && started.Error === 'Camera currently exposing'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        started = await get('equipment/camera/capture?duration=0.001&imageType=LIGHT');
      }
      if (started.Response !== 'Capture started') throw new Error(JSON.stringify(started));
      const at = await saved;
      this.samples.push(at - blobWrittenAt);
      return at - blobWrittenAt;
    },
    async stop() {
      ws.close();
      await server.stop();
      indi.close();
    },
  };
}

const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[sorted.length >> 1], min: sorted[0], max: sorted.at(-1) };
};

async function main() {
  const captures = Number(process.argv[2] || 10);
  const baselineAt = process.argv.indexOf('--baseline');
  const baselineDir = baselineAt > 0 ? process.argv[baselineAt + 1] : null;
  const rigs = [['this checkout', await startRig(null)]];
  const cpu = new Map();
  try {
    if (baselineDir) rigs.push(['baseline', await startRig(join(baselineDir, 'dist/apps/skygate/src/main.js'))]);
    for (const [name, rig] of rigs) cpu.set(name, rig.cpu());
    // Interleaved, so both see the same load on a shared machine.
    for (let i = 0; i < captures; i++) {
      for (const [name, rig] of rigs) process.stderr.write(`capture ${i + 1} (${name}): ${(await rig.capture()).toFixed(1)} ms\n`);
    }
    for (const [name, rig] of rigs) cpu.set(name, ((rig.cpu() - cpu.get(name)) * 1000) / captures);
  } finally {
    for (const [, rig] of rigs) await rig.stop();
  }
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${captures} captures of a 2,629,440-byte FITS BLOB${baselineDir ? `, interleaved with the baseline in ${baselineDir}` : ''}`);
  console.log('| server | median ms | min ms | max ms | server CPU ms per capture | median vs baseline | CPU vs baseline |');
  console.log('|---|---|---|---|---|---|---|');
  const base = rigs.find(([name]) => name === 'baseline');
  for (const [name, rig] of rigs) {
    const s = summary(rig.samples);
    const ratios = base ? `${(s.median / summary(base[1].samples).median).toFixed(2)} | ${(cpu.get(name) / cpu.get('baseline')).toFixed(2)}` : '– | –';
    console.log(`| ${name} | ${s.median.toFixed(1)} | ${s.min.toFixed(1)} | ${s.max.toFixed(1)} | ${cpu.get(name).toFixed(1)} | ${ratios} |`);
  }
  console.log('Goal: median < 50 ms (BLOB last byte → IMAGE-SAVE).');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
