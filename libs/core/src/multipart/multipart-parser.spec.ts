import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { formDataBoundary, MultipartError } from './multipart-headers';
import { MultipartParser, type MultipartLimits } from './multipart-parser';

interface Part {
  name: string | undefined;
  filename: string | undefined;
  data: string; // hex, so binary parts compare exactly
}
type Outcome = { parts: Part[] } | { error: string };

/** Cuts a body at the given offsets (sorted, inside the body). */
function split(body: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, body.length]) {
    if (cut > from) chunks.push(body.subarray(from, cut));
    from = Math.max(from, cut);
  }
  return chunks;
}

/** A part's bytes; a part cut short by an error resolves too, as the outcome is the error then. */
function collect(name: string | undefined, filename: string | undefined, body: Readable): Promise<Part> {
  return body.toArray().then(
    (bufs) => ({ name, filename, data: Buffer.concat(bufs as Buffer[]).toString('hex') }),
    () => ({ name, filename, data: 'cut short' }),
  );
}

async function parseOurs(chunks: Buffer[], boundary: string, limits: Partial<MultipartLimits> = {}): Promise<Outcome> {
  const parts: Promise<Part>[] = [];
  const parser = new MultipartParser(
    boundary,
    ({ name, filename }, body) => {
      parts.push(collect(name, filename, body));
    },
    limits,
  );
  try {
    await pipeline(Readable.from(chunks), parser);
    return { parts: await Promise.all(parts) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** busboy, the reference: fields (no file name) compare as their UTF-8 bytes. */
function parseBusboy(chunks: Buffer[], boundary: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const parts: Promise<Part>[] = [];
    const parser = busboy({ headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` }, defParamCharset: 'utf8', limits: { fieldSize: 1 << 24 } });
    parser.on('field', (name, value) => parts.push(Promise.resolve({ name, filename: undefined, data: Buffer.from(value, 'utf8').toString('hex') })));
    parser.on('file', (name, stream, info) => parts.push(collect(name, info.filename, stream)));
    parser.on('error', (err: Error) => resolve({ error: err.message }));
    parser.on('close', () => void Promise.all(parts).then((p) => resolve({ parts: p })));
    Readable.from(chunks).pipe(parser);
  });
}

/** xorshift32: a seeded PRNG so a failing case replays from its seed. */
function prng(seed: number): (n: number) => number {
  let x = seed || 1;
  return (n) => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % n);
}

const BOUNDARY = 'xYzZY-boundary_0123';
const DELIMITER = Buffer.from(`\r\n--${BOUNDARY}`);

/** Bytes that look like the boundary without being it, CRLFs, dashes: what breaks naive parsers. */
function trickyBytes(rand: (n: number) => number, length: number, text: boolean): Buffer {
  const pieces = ['\r\n', '\r', '\n', '--', `\r\n--${BOUNDARY.slice(0, 1 + rand(BOUNDARY.length - 1))}`, `--${BOUNDARY}`, 'plain text ', '\r\n\r\n'];
  const out: Buffer[] = [];
  let size = 0;
  while (size < length) {
    const piece = rand(3) === 0 ? Buffer.from(pieces[rand(pieces.length)]) : text ? Buffer.from('abc xyz 123 '.slice(rand(10))) : Buffer.from(Array.from({ length: 1 + rand(300) }, () => rand(256)));
    out.push(piece);
    size += piece.length;
  }
  // A whole delimiter would end the part (also one made with the CRLF before the data): spoil each in its last byte.
  const data = Buffer.concat([Buffer.from('\r\n'), ...out]);
  for (let at = data.indexOf(DELIMITER); at >= 0; at = data.indexOf(DELIMITER, at)) data[at + DELIMITER.length - 1] = 0x21;
  return data.subarray(2);
}

function randomBody(rand: (n: number) => number): Buffer {
  const out: Buffer[] = [];
  if (rand(2)) out.push(Buffer.from(`preamble ${'-'.repeat(rand(4))}\r\n`), Buffer.from(trickyBytes(rand, rand(200), true).filter((b) => b !== 0x0d)), Buffer.from('\r\n'));
  for (let i = 0, n = 1 + rand(4); i < n; i++) {
    const file = rand(3) > 0;
    const name = ['metadata', 'media', 'other', 'ünï'][rand(4)];
    const filename = ['bogus.ext', 'image 1.jpg', 'quo\\"te.jpg', 'c:\\dir\\x.fits', 'dir/sub/v.mp4', 'ü.png'][rand(6)];
    const disposition = file ? `form-data; name="${name}"; filename="${filename}"` : `form-data; name="${name}"`;
    out.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${file ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
    out.push(trickyBytes(rand, rand(4) === 0 ? 0 : rand(3000), !file), Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${BOUNDARY}--`));
  if (rand(2)) out.push(Buffer.from('\r\nepilogue, ignored\r\n'), trickyBytes(rand, rand(100), true));
  return Buffer.concat(out);
}

describe('multipart/form-data parser', () => {
  describe('differential against busboy', () => {
    it('agrees on 400 random bodies cut at random places', async () => {
      for (let seed = 1; seed <= 400; seed++) {
        const rand = prng(seed);
        const body = randomBody(rand);
        const cuts = Array.from({ length: rand(12) }, () => rand(body.length)).sort((a, b) => a - b);
        const chunks = split(body, cuts);
        const [ours, reference] = [await parseOurs(chunks, BOUNDARY), await parseBusboy(chunks, BOUNDARY)];
        expect({ seed, ...ours }).toEqual({ seed, ...reference });
        expect('parts' in ours).toBe(true);
      }
    });

    it('agrees on a body cut at every single offset, across each delimiter', async () => {
      const body = randomBody(prng(4242));
      const reference = await parseBusboy([body], BOUNDARY);
      for (let cut = 0; cut <= body.length; cut++) expect(await parseOurs(split(body, [cut]), BOUNDARY)).toEqual(reference);
    });

    it('agrees that a body without its closing delimiter is an error, and on a body fed byte by byte', async () => {
      const body = randomBody(prng(7));
      const truncated = body.subarray(0, body.lastIndexOf(`--${BOUNDARY}--`) - 2);
      expect(await parseBusboy([truncated], BOUNDARY)).toEqual({ error: 'Unexpected end of form' });
      expect(await parseOurs([truncated], BOUNDARY)).toEqual({ error: 'the multipart body ended before its closing boundary' });
      const bytes = Array.from(body, (b) => Buffer.from([b]));
      expect(await parseOurs(bytes, BOUNDARY)).toEqual(await parseBusboy(bytes, BOUNDARY));
    });
  });

  describe('RFC 2046 / RFC 7578 cases', () => {
    const part = (headers: string, content: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n${content}\r\n`;

    it('skips preamble and epilogue and keeps CRLFs inside data (RFC 2046 5.1.1)', async () => {
      const body = `This is the preamble.  It is to be ignored.\r\n${part('Content-Disposition: form-data; name="a"', 'line 1\r\nline 2\r\n')}--${BOUNDARY}--\r\nThis is the epilogue.  It is also to be ignored.\r\n`;
      expect(await parseOurs([Buffer.from(body)], BOUNDARY)).toEqual({ parts: [{ name: 'a', filename: undefined, data: Buffer.from('line 1\r\nline 2\r\n').toString('hex') }] });
    });

    it('accepts transport padding after a boundary and a part with no headers', async () => {
      const body = `--${BOUNDARY} \t\r\n\r\nno headers\r\n--${BOUNDARY}--`;
      expect(await parseOurs([Buffer.from(body)], BOUNDARY)).toEqual({ parts: [{ name: undefined, filename: undefined, data: Buffer.from('no headers').toString('hex') }] });
    });

    it('reads quoted file names with escapes, RFC 5987 filename* (which wins), and drops client folders', async () => {
      const body =
        part('Content-Disposition: form-data; name="media"; filename="a \\"b\\"; c.jpg"', '1') +
        part(`Content-Disposition: form-data; name=media; filename="fallback.jpg"; filename*=UTF-8''%E2%82%AC%20rates.jpg`, '2') +
        part(`content-disposition: FORM-DATA; NAME="x"; filename*=iso-8859-1'en'%E9t%E9.png`, '3') +
        part('Content-Disposition: form-data; name="y"; filename="C:\\\\Users\\\\me\\\\..\\\\sky.fits"', '4') +
        `--${BOUNDARY}--`;
      const result = await parseOurs([Buffer.from(body)], BOUNDARY);
      expect('parts' in result && result.parts.map((p) => [p.name, p.filename])).toEqual([
        ['media', 'a "b"; c.jpg'],
        ['media', '€ rates.jpg'],
        ['x', 'été.png'],
        ['y', 'sky.fits'],
      ]);
    });

    it('reads the boundary from the Content-Type, quoted or not, and says what is wrong otherwise', () => {
      expect(formDataBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
      expect(formDataBoundary(`Multipart/Form-Data; charset=utf-8; boundary="a'()+_,-./:=? z"`)).toBe("a'()+_,-./:=? z");
      expect(() => formDataBoundary('application/json')).toThrow('the body must be multipart/form-data, not "application/json"');
      expect(() => formDataBoundary(undefined)).toThrow(MultipartError);
      expect(() => formDataBoundary('multipart/form-data')).toThrow(/needs a boundary/);
      expect(() => formDataBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toThrow(/needs a boundary/);
    });

    it('refuses a boundary line not followed by CRLF or "--", oversized headers and too many parts', async () => {
      expect(await parseOurs([Buffer.from(`--${BOUNDARY}xx\r\n\r\n\r\n--${BOUNDARY}--`)], BOUNDARY)).toEqual({ error: 'a boundary line must end with CRLF or "--"' });
      const bigHeader = Buffer.from(`--${BOUNDARY}\r\nX-Long: ${'a'.repeat(2000)}\r\n\r\n`);
      expect(await parseOurs(split(bigHeader, [100, 900]), BOUNDARY, { maxHeaderBytes: 1024 })).toEqual({ error: "a part's headers exceed 1024 bytes" });
      const three = part('Content-Disposition: form-data; name="a"', '1').repeat(3) + `--${BOUNDARY}--`;
      expect(await parseOurs([Buffer.from(three)], BOUNDARY, { maxParts: 2 })).toEqual({ error: 'more than 2 parts' });
      expect(await parseOurs([Buffer.from('no delimiter at all')], BOUNDARY)).toEqual({ error: 'the multipart body ended before its closing boundary' });
    });
  });

  it('stops taking the body while a part is not read (backpressure), and goes on when it is', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let produced = 0;
    const source = new Readable({
      read() {
        if (produced === 0) this.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="media"; filename="m.bin"\r\n\r\n`));
        if (produced >= 64) {
          this.push(Buffer.from(`\r\n--${BOUNDARY}--`));
          return void this.push(null);
        }
        produced++;
        this.push(chunk);
      },
      highWaterMark: 64 * 1024,
    });
    let media: Readable | undefined;
    const parser = new MultipartParser(BOUNDARY, (_h, body) => (media = body), { partHighWaterMark: 256 * 1024 });
    const done = pipeline(source, parser);
    await new Promise((r) => setTimeout(r, 200));
    // 4 MiB are on offer; only the part's buffer and the stream buffers in between were taken.
    expect(produced).toBeLessThan(12);
    let received = 0;
    const ended = new Promise((r) => media!.once('end', r));
    media!.on('data', (b: Buffer) => (received += b.length));
    await Promise.all([done, ended]);
    expect(received).toBe(64 * chunk.length);
  });
});
