import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { createValidationPipe } from '@app/core';
import { AppModule } from '../../apps/skygate/src/app.module';
import { fitsHeader, valueCard } from '../../libs/core/test/header-builders';
import { HeaderParseError } from '../../libs/core/src/fits-headers/header-errors';
import { readHeader } from '../../libs/core/src/fits-headers/header-reader';
import { MultipartError } from '../../libs/core/src/multipart/multipart-headers';
import { MultipartParser } from '../../libs/core/src/multipart/multipart-parser';
import { IndiStreamParser, type IndiMessage } from '../../libs/equipment/src/drivers/indi/indi-protocol';

/**
 * Property-based fuzzing (fast-check) of what reads untrusted bytes: every input ends in a result
 * or in the reader's own error type; a TypeError, RangeError or hang is a bug. A failure prints
 * the seed and the shrunk input to replay.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Cuts bytes at arbitrary offsets, as the network delivers them. */
const chunked = (bytes: Uint8Array, cuts: number[]): Buffer[] => {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    if (cut > from) out.push(Buffer.from(bytes.subarray(from, cut)));
    from = Math.max(from, cut);
  }
  return out;
};

async function multipartOutcome(chunks: Buffer[], boundary: string): Promise<'parsed' | 'refused'> {
  const parts: Promise<unknown>[] = [];
  const parser = new MultipartParser(boundary, (_headers, body) => void parts.push(body.toArray().catch(() => undefined)), { maxParts: 20, maxHeaderBytes: 4096 });
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('error', reject).on('finish', resolve);
      for (const chunk of chunks) parser.write(chunk);
      parser.end();
    });
    await Promise.all(parts);
    return 'parsed';
  } catch (err) {
    if (err instanceof MultipartError) return 'refused';
    throw err;
  }
}

describe('multipart reader (fast-check)', () => {
  const boundary = 'fuzzBoundary123';
  const part = fc.record({
    name: fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/),
    filename: fc.option(fc.stringMatching(/^[A-Za-z0-9_.]{1,12}$/), { nil: undefined }),
    data: fc.uint8Array({ maxLength: 300 }),
  });
  const body = (parts: { name: string; filename?: string; data: Uint8Array }[]) =>
    Buffer.concat([
      ...parts.flatMap((p) => [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n\r\n`, 'latin1'),
        Buffer.from(p.data),
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);

  it('reads well-formed bodies cut anywhere into the parts that went in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 8 }), async (parts, cuts) => {
        const reads: Promise<{ name?: string; data: string }>[] = [];
        const parser = new MultipartParser(boundary, (h, b) => void reads.push(b.toArray().then((bufs) => ({ name: h.name, data: Buffer.concat(bufs as Buffer[]).toString('hex') }))));
        await new Promise<void>((resolve, reject) => {
          parser.on('error', reject).on('finish', resolve);
          for (const c of chunked(body(parts), cuts)) parser.write(c);
          parser.end();
        });
        expect(await Promise.all(reads)).toEqual(parts.map((p) => ({ name: p.name, data: Buffer.from(p.data).toString('hex') })));
      }),
      { numRuns: RUNS },
    );
  });

  it('ends every mutated or random body in parts or a MultipartError', async () => {
    const mutated = fc.tuple(fc.array(part, { maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), fc.nat()).map(([parts, edits, cut]) => {
      const bytes = body(parts);
      for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value;
      return bytes.subarray(0, cut % (bytes.length + 1) || bytes.length);
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, fc.uint8Array({ maxLength: 600 })), fc.array(fc.nat(), { maxLength: 6 }), async (bytes, cuts) => {
        expect(['parsed', 'refused']).toContain(await multipartOutcome(chunked(bytes, cuts), boundary));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('FITS / XISF header parser (fast-check)', () => {
  const header = fc
    .array(fc.tuple(fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,7}$/), fc.oneof(fc.integer(), fc.double({ noNaN: true }).map(String), fc.string({ maxLength: 20 }).map((s) => `'${s.replace(/'/g, "''")}'`), fc.constantFrom('T', 'F'))), { maxLength: 12 })
    .map((cards) => fitsHeader(cards.map(([key, value]) => valueCard(key, String(value)))));

  it('ends every mutated or random file in a header or a HeaderParseError', async () => {
    const mutated = fc.tuple(header, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 16 }), fc.nat()).map(([bytes, edits, cut]) => {
      const copy = Buffer.from(bytes);
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return copy.subarray(0, cut % (copy.length + 1) || copy.length);
    });
    const xisfish = fc.string({ maxLength: 400 }).map((xml) => Buffer.concat([Buffer.from('XISF0100'), Buffer.alloc(8), Buffer.from(xml)]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, xisfish, fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b))), fc.array(fc.nat(), { maxLength: 5 }), async (bytes, cuts) => {
        try {
          const parsed = await readHeader(chunked(bytes, cuts));
          expect(['fits', 'xisf']).toContain(parsed.format);
        } catch (err) {
          if (!(err instanceof HeaderParseError)) throw err;
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('INDI XML reader (fast-check)', () => {
  const XML_PIECES = ['<', '>', '/>', '</', '"', "'", '=', '&amp;', '&', ' ', '\n', 'defNumberVector', 'setSwitchVector', 'oneNumber', 'oneBLOB', 'defBLOB', 'device="d"', 'name="n"', 'state="Ok"', 'format=".fits"', 'message', 'delProperty', '1.5', 'On', 'QUJD'];
  const stream = fc.oneof(fc.array(fc.constantFrom(...XML_PIECES), { maxLength: 60 }).map((p) => p.join('')), fc.string({ maxLength: 300 }));

  it('turns any stream cut anywhere into messages or one "not well-formed" error', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const messages: IndiMessage[] = [];
        const parser = new IndiStreamParser((m) => messages.push(m));
        try {
          for (const chunk of chunked(Buffer.from(text, 'utf8'), cuts)) parser.write(chunk.toString('utf8'));
        } catch (err) {
          expect((err as Error).message).toMatch(/^INDI stream is not well-formed XML/);
          parser.reset();
        }
        for (const m of messages) expect(['def', 'set', 'del', 'message']).toContain(m.type);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('request DTOs under class-validator (fast-check)', () => {
  // Importing the app module registers every DTO's validation metadata.
  expect(AppModule).toBeDefined();
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown[]> };
  const dtos = [...storage.validationMetadatas.keys()].filter((c): c is new () => object => typeof c === 'function' && c.name.endsWith('Dto'));
  const pipe = createValidationPipe();

  it('finds the DTOs', () => {
    expect(dtos.length).toBeGreaterThan(40);
  });

  it('answers any JSON value for any DTO with the DTO or a 400, never another error', async () => {
    const value = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })), fc.object({ maxDepth: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dtos), value, fc.constantFrom<ArgumentMetadata['type']>('body', 'query'), async (dto, input, type) => {
        try {
          await pipe.transform(input, { type, metatype: dto });
        } catch (err) {
          if (!(err instanceof BadRequestException)) throw new Error(`${dto.name}: ${String(err)}`);
        }
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
