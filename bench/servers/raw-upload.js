// Upper bounds for bench/upload.js and bench/archive-upload.js: a bare node:http server that writes each PUT or POST body, untouched
// (no multipart parsing, no hashing, no database), to a file and fsyncs it before answering.
// RAW_SINK=node: fs.createWriteStream with flush (one fsync at the end, Node's default way);
// RAW_SINK=durable: Skygate's file sink (writev, background fdatasync), from the build.
const { createWriteStream, rmSync } = require('node:fs');
const { createServer } = require('node:http');
const { join } = require('node:path');
const { pipeline } = require('node:stream/promises');

const dir = process.env.DATA_DIR;
const durable = process.env.RAW_SINK === 'durable';
const { DurableFileSink } = durable ? require('../../dist/libs/core/src/storage/durable-file-sink') : {};
let n = 0;
createServer((req, res) => {
  if (req.method !== 'PUT' && req.method !== 'POST') return res.end('ok');
  const path = join(dir, `raw-${n++}.bin`);
  const sink = durable ? new DurableFileSink(path, { mode: 0o640, syncEveryBytes: 32 * 1024 * 1024 }) : createWriteStream(path, { flush: true });
  pipeline(req, sink).then(
    () => res.end('{}', () => rmSync(path)),
    (err) => {
      res.statusCode = 500;
      res.end(String(err));
    },
  );
}).listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1');
