// Header parse rate on 1,000 generated FITS files (sparse: a 3-block header, then 16 MiB of
// "data" that takes no disk). Reports files/s and MB/s actually read from disk by the parser's
// stream, against a baseline in the same run: reading exactly the same bytes without parsing.
// Usage: npm run build && node bench/fits-headers.js [files]
const { createReadStream, mkdtempSync, rmSync, writeFileSync, truncateSync, openSync, readSync, closeSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { readHeader } = require('../dist/libs/core/src/fits-headers/header-reader');

const card = (t) => t.padEnd(80, ' ');
function header(i) {
  const records = [
    card('SIMPLE  =                    T'),
    card('BITPIX  =                   16'),
    card('NAXIS   =                    2'),
    card('NAXIS1  =                 4096'),
    card('NAXIS2  =                 2048'),
    card(`OBJECT  = 'NGC ${1000 + i}'`),
    card("IMAGETYP= 'Light Frame'"),
    card(`DATE-OBS= '2026-01-15T22:${String(i % 60).padStart(2, '0')}:00'`),
    card('EXPTIME =              1.2D+02'),
    card("LONGSTRN= 'OGIP 1.0'"),
    card("NOTES   = 'a long note that continues &'"),
    card("CONTINUE  'on the next record'"),
    card("HIERARCH ESO TEL AIRM START = 1.234"),
  ];
  for (let k = 0; records.length < 90; k++) records.push(card(`KEY${k}`.padEnd(8) + `= ${String(k * 1.5).padStart(20)} / generated`));
  records.push(card('END'));
  const text = records.join('');
  return Buffer.from(text.padEnd(Math.ceil(text.length / 2880) * 2880, ' '), 'latin1');
}

async function main() {
  const count = Number(process.argv[2] || 1000);
  const dir = mkdtempSync(join(tmpdir(), 'skygate-fits-bench-'));
  const files = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `f${i}.fits`);
    writeFileSync(path, header(i));
    truncateSync(path, 16 * 1024 * 1024 + 2880 * 3);
    files.push(path);
  }
  try {
    // The parser reads through a stream of 2880-byte multiples and stops at END.
    let bytes = 0;
    let start = process.hrtime.bigint();
    for (const path of files) {
      const stream = createReadStream(path, { highWaterMark: 2880 * 4 });
      stream.on('data', (c) => (bytes += c.length));
      const h = await readHeader(stream);
      if (!h.keywords.OBJECT) throw new Error('parse failed');
    }
    const parseS = Number(process.hrtime.bigint() - start) / 1e9;
    // Baseline: read the same number of bytes per file with plain fs calls, no parsing.
    const perFile = bytes / count;
    start = process.hrtime.bigint();
    const buf = Buffer.alloc(Math.ceil(perFile));
    for (const path of files) {
      const fd = openSync(path, 'r');
      readSync(fd, buf, 0, buf.length, 0);
      closeSync(fd);
    }
    const rawS = Number(process.hrtime.bigint() - start) / 1e9;
    // Second baseline: the same bytes through a Node stream of the same chunk size, no parsing.
    start = process.hrtime.bigint();
    for (const path of files) {
      for await (const chunk of createReadStream(path, { highWaterMark: 2880 * 4, end: perFile - 1 })) void chunk;
    }
    const streamS = Number(process.hrtime.bigint() - start) / 1e9;
    const mb = bytes / 1e6;
    const sizeMb = (count * (16 * 1024 * 1024 + 2880 * 3)) / 1e6;
    console.log(
      JSON.stringify(
        {
          files: count,
          file_size_mb: sizeMb / count,
          bytes_read_per_file: perFile,
          parse: { files_per_s: Math.round(count / parseS), mb_read_per_s: +(mb / parseS).toFixed(1) },
          raw_read_baseline: { files_per_s: Math.round(count / rawS), mb_read_per_s: +(mb / rawS).toFixed(1) },
          stream_read_baseline: { files_per_s: Math.round(count / streamS), mb_read_per_s: +(mb / streamS).toFixed(1) },
          parse_vs_raw_time: +(parseS / rawS).toFixed(2),
          parse_vs_stream_time: +(parseS / streamS).toFixed(2),
          fraction_of_file_read: +(bytes / (count * (16 * 1024 * 1024 + 2880 * 3))).toFixed(5),
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
