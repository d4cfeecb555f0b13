// Upper bound for bench/upload.js: a bare node:http server that writes each PUT body, untouched
// (no multipart parsing, no hashing, no database), to a file and fsyncs it before answering.
const { createWriteStream, rmSync } = require('node:fs');
const { createServer } = require('node:http');
const { join } = require('node:path');
const { pipeline } = require('node:stream/promises');

const dir = process.env.DATA_DIR;
let n = 0;
createServer((req, res) => {
  if (req.method !== 'PUT') return res.end('ok');
  const path = join(dir, `raw-${n++}.bin`);
  pipeline(req, createWriteStream(path, { flush: true })).then(
    () => res.end('{}', () => rmSync(path)),
    (err) => {
      res.statusCode = 500;
      res.end(String(err));
    },
  );
}).listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1');
