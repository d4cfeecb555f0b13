import { Readable, Writable } from 'node:stream';
import { MultipartError, parsePartHeaders, type PartHeaders } from './multipart-headers';

const CR = 0x0d;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export interface MultipartLimits {
  /** Parts allowed in one body. */
  maxParts: number;
  /** Bytes of one part's header block. */
  maxHeaderBytes: number;
  /** Bytes a part stream buffers before the parser waits for its reader. */
  partHighWaterMark: number;
}

const DEFAULT_LIMITS: MultipartLimits = { maxParts: 16, maxHeaderBytes: 16 * 1024, partHighWaterMark: 1024 * 1024 };

/** One part's body. The parser pauses while it is full, so its reader sets the pace of the request. */
export class PartStream extends Readable {
  /** Called when the reader wants more (or has gone away): the parser may go on. */
  resumeParser: (() => void) | undefined;

  override _read(): void {
    this.wake();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.wake();
    callback(err);
  }

  private wake(): void {
    const resume = this.resumeParser;
    this.resumeParser = undefined;
    resume?.();
  }
}

type State = 'preamble' | 'boundary-line' | 'headers' | 'body' | 'epilogue';

/**
 * A streaming multipart/form-data parser (RFC 7578 over RFC 2046) that finds delimiters with the
 * native Buffer.indexOf, hands part bodies on as slices of the request's own chunks (no copies),
 * and carries the few bytes that may begin a delimiter split across chunks. Write the request body
 * into it; `onPart` gets each part's headers and body stream. A body that ends before the closing
 * delimiter fails with a MultipartError, and so does the open part's stream.
 */
export class MultipartParser extends Writable {
  private readonly delimiter: Buffer;
  private readonly limits: MultipartLimits;
  private state: State = 'preamble';
  /** Unconsumed bytes of earlier chunks that may start a delimiter, a header block or a boundary line. */
  private carry: Buffer | undefined = CRLF; // so a delimiter at the very start is found like any other
  private part: PartStream | undefined;
  private parts = 0;

  constructor(
    boundary: string,
    private readonly onPart: (headers: PartHeaders, body: PartStream) => void,
    limits: Partial<MultipartLimits> = {},
  ) {
    super({ highWaterMark: 64 * 1024 });
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    let full: boolean;
    try {
      full = this.consume(this.carry ? Buffer.concat([this.carry, chunk]) : chunk);
    } catch (err) {
      this.part?.destroy(err as Error);
      return callback(err as Error);
    }
    const part = this.part;
    if (full && part && !part.destroyed) part.resumeParser = () => callback();
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.state === 'epilogue') return callback();
    const err = new MultipartError('the multipart body ended before its closing boundary');
    this.part?.destroy(err);
    callback(err);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    // Abandoned without an error: the part's reader sees a premature close.
    if (this.part && !this.part.readableEnded) this.part.destroy(err ?? undefined);
    callback(err);
  }

  /** Processes one buffer; true when the open part's stream is full (wait before the next). */
  private consume(data: Buffer): boolean {
    this.carry = undefined;
    let pos = 0;
    let full = false;
    while (pos < data.length) {
      switch (this.state) {
        case 'preamble':
        case 'body': {
          const at = data.indexOf(this.delimiter, pos);
          const end = at >= 0 ? at : this.possibleDelimiterStart(data, pos);
          if (this.state === 'body' && end > pos) full = this.pushBody(data.subarray(pos, end));
          if (at < 0) {
            if (end < data.length) this.carry = data.subarray(end);
            return full;
          }
          this.endPart();
          full = false;
          pos = at + this.delimiter.length;
          this.state = 'boundary-line';
          break;
        }
        case 'boundary-line': {
          // After a delimiter: "--" closes the body; else optional transport padding, then CRLF.
          let i = pos;
          while (i < data.length && (data[i] === 0x20 || data[i] === 0x09) && i - pos < 64) i++;
          if (data.length - pos < 2 || i + 1 >= data.length) {
            this.carry = data.subarray(pos);
            return full;
          }
          if (data[pos] === 0x2d && data[pos + 1] === 0x2d) {
            this.state = 'epilogue';
            return full;
          }
          if (data[i] !== CR || data[i + 1] !== 0x0a) throw new MultipartError('a boundary line must end with CRLF or "--"');
          pos = i + 2;
          this.state = 'headers';
          break;
        }
        case 'headers': {
          if (data.length - pos < 2) {
            this.carry = data.subarray(pos);
            return full;
          }
          // A part without headers starts with its empty line at once.
          const empty = data[pos] === CR && data[pos + 1] === 0x0a;
          const blockEnd = empty ? pos : data.indexOf(HEADER_END, pos);
          const headerBytes = (blockEnd < 0 ? data.length : blockEnd) - pos;
          if (headerBytes > this.limits.maxHeaderBytes) throw new MultipartError(`a part's headers exceed ${this.limits.maxHeaderBytes} bytes`);
          if (blockEnd < 0) {
            this.carry = data.subarray(pos);
            return full;
          }
          this.startPart(parsePartHeaders(data.subarray(pos, blockEnd)));
          pos = blockEnd + (empty ? 2 : HEADER_END.length);
          this.state = 'body';
          break;
        }
        case 'epilogue':
          return full;
      }
    }
    return full;
  }

  /** Where a delimiter split across chunks may begin in data's tail, or data.length if nowhere. */
  private possibleDelimiterStart(data: Buffer, from: number): number {
    const end = data.length;
    for (let i = data.indexOf(CR, Math.max(from, end - this.delimiter.length + 1)); i >= 0; i = data.indexOf(CR, i + 1)) {
      if (data.compare(this.delimiter, 0, end - i, i, end) === 0) return i;
    }
    return end;
  }

  private startPart(headers: PartHeaders): void {
    if (++this.parts > this.limits.maxParts) throw new MultipartError(`more than ${this.limits.maxParts} parts`);
    this.part = new PartStream({ highWaterMark: this.limits.partHighWaterMark });
    this.onPart(headers, this.part);
  }

  private pushBody(bytes: Buffer): boolean {
    const part = this.part!;
    return part.destroyed ? false : !part.push(bytes);
  }

  private endPart(): void {
    if (this.part && !this.part.destroyed) this.part.push(null);
    this.part = undefined;
  }
}
