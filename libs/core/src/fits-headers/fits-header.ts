import { CARD_LENGTH, parseCard, parseValueField } from './fits-card';
import { HeaderParseError } from './header-errors';
import type { FitsCard, FitsValue, ParsedHeader } from './header-types';

export const FITS_BLOCK = 2880;
const CARDS_PER_BLOCK = FITS_BLOCK / CARD_LENGTH;
export const FITS_SIGNATURE = 'SIMPLE  =';

export interface FitsReaderOptions {
  /** Header blocks read at most per HDU before giving up (1,000 blocks = 36,000 cards). */
  maxBlocks?: number;
}

/** Index of the first byte outside printable ASCII (0x20-0x7E), or -1. */
function firstNonPrintable(block: Uint8Array): number {
  for (let i = 0; i < block.length; i++) if (block[i] < 0x20 || block[i] > 0x7e) return i;
  return -1;
}

/**
 * Incremental FITS header reader: feed it bytes with push() until it answers true (the header is
 * complete), so a caller reads only the header blocks, never the data. It reads the primary
 * header and, when the primary has no data (NAXIS = 0, e.g. tile-compressed .fz), the first
 * extension's header too, whose keywords fill in the ones the primary lacks.
 */
export class FitsHeaderReader {
  private readonly maxBlocks: number;
  private readonly chunks: Uint8Array[] = [];
  private buffered = 0;
  private offset = 0;
  private blocksInHdu = 0;
  private hdu: 'primary' | 'extension' | 'done' = 'primary';
  private readonly cards: FitsCard[] = [];
  // No prototype: keyword names come from the file (a HIERARCH key may be "__proto__").
  private readonly keywords: Record<string, FitsValue> = Object.create(null);
  private readonly extensionKeywords: Record<string, FitsValue> = Object.create(null);
  private readonly warnings: string[] = [];
  private openString?: FitsCard;
  private bytesRead = 0;

  constructor(options: FitsReaderOptions = {}) {
    this.maxBlocks = options.maxBlocks ?? 1000;
  }

  get done(): boolean {
    return this.hdu === 'done';
  }

  /** Adds bytes; true once the header is complete (later bytes are not needed). */
  push(chunk: Uint8Array): boolean {
    if (this.done) return true;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.done && this.buffered >= FITS_BLOCK) this.readBlock(this.take(FITS_BLOCK));
    return this.done;
  }

  /** Call at the end of the stream: the header, or an error saying what is missing. */
  finish(): ParsedHeader {
    if (this.done) return this.result();
    if (this.hdu === 'extension' && this.blocksInHdu === 0 && this.buffered === 0) return this.complete();
    if (this.hdu === 'extension') {
      this.warnings.push('first extension header is incomplete; only the primary header was read');
      return this.complete();
    }
    if (this.buffered > 0) {
      throw new HeaderParseError('truncated-block', `the stream ended ${this.buffered} bytes into a 2880-byte block`, this.offset, this.partial());
    }
    throw new HeaderParseError('missing-end', 'the header has no END record', this.offset, this.partial());
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0];
      const used = Math.min(head.length, n - filled);
      out.set(head.subarray(0, used), filled);
      filled += used;
      if (used === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(used);
    }
    this.buffered -= n;
    return out;
  }

  private readBlock(block: Uint8Array): void {
    const blockOffset = this.offset;
    this.offset += FITS_BLOCK;
    const bad = firstNonPrintable(block);
    if (this.hdu === 'extension') return this.readExtensionBlock(block, bad);
    if (bad >= 0) {
      // Binary bytes at the start of a later block: the header ran into data without an END record.
      if (this.blocksInHdu > 0 && bad < CARD_LENGTH) {
        throw new HeaderParseError('missing-end', 'the header has no END record before binary data', blockOffset + bad, this.partial());
      }
      throw new HeaderParseError('non-ascii', `byte 0x${block[bad].toString(16).padStart(2, '0')} is not printable ASCII`, blockOffset + bad, this.partial());
    }
    const text = Buffer.from(block).toString('latin1');
    if (this.blocksInHdu === 0 && !text.startsWith(FITS_SIGNATURE)) {
      throw new HeaderParseError('unknown-format', 'a FITS file starts with "SIMPLE  ="', blockOffset);
    }
    this.blocksInHdu++;
    if (this.readCards(text, this.keywords)) return this.endPrimary();
    if (this.blocksInHdu >= this.maxBlocks) {
      throw new HeaderParseError('header-too-large', `no END record in ${this.maxBlocks} blocks`, this.offset, this.partial());
    }
  }

  private endPrimary(): void {
    this.bytesRead = this.offset;
    const extend = this.keywords.EXTEND === true;
    if (this.keywords.NAXIS === 0 && extend) {
      this.hdu = 'extension';
      this.blocksInHdu = 0;
    } else {
      this.hdu = 'done';
    }
  }

  private readExtensionBlock(block: Uint8Array, bad: number): void {
    const text = bad >= 0 ? '' : Buffer.from(block).toString('latin1');
    if (bad >= 0 || (this.blocksInHdu === 0 && !text.startsWith('XTENSION='))) {
      this.warnings.push('the block after the primary header is not an extension header');
      this.hdu = 'done';
      return;
    }
    this.blocksInHdu++;
    if (this.readCards(text, this.extensionKeywords)) {
      this.bytesRead = this.offset;
      this.complete();
    } else if (this.blocksInHdu >= this.maxBlocks) {
      this.warnings.push('first extension header has no END record; ignored');
      this.complete();
    }
  }

  /** Reads the 36 records of a block; true when END was among them. */
  private readCards(text: string, into: Record<string, FitsValue>): boolean {
    for (let i = 0; i < CARDS_PER_BLOCK; i++) {
      const card = parseCard(text.slice(i * CARD_LENGTH, (i + 1) * CARD_LENGTH), this.warnings);
      if (card.kind === 'end') return true;
      if (card.key === 'CONTINUE' && card.kind === 'commentary' && this.continueString(card)) continue;
      this.openString = card.kind === 'value' && typeof card.value === 'string' && card.value.endsWith('&') ? card : undefined;
      this.cards.push(card);
      if (card.kind !== 'value') continue;
      if (Object.hasOwn(into, card.key)) this.warnings.push(`keyword ${card.key} appears more than once; the last value is used`);
      into[card.key] = card.value ?? null;
    }
    return false;
  }

  /** Joins a CONTINUE record to the open long string (only when the previous piece ended with `&`). */
  private continueString(card: FitsCard): boolean {
    const open = this.openString;
    if (!open || typeof open.value !== 'string') return false;
    const piece = parseValueField(card.raw.slice(8));
    if (typeof piece.value !== 'string' || !card.raw.slice(8).trimStart().startsWith("'")) return false;
    open.value = open.value.slice(0, -1) + piece.value;
    open.raw += card.raw;
    if (piece.comment) open.comment = open.comment ? `${open.comment} ${piece.comment}` : piece.comment;
    const target = this.hdu === 'extension' ? this.extensionKeywords : this.keywords;
    target[open.key] = open.value;
    if (!open.value.endsWith('&')) this.openString = undefined;
    return true;
  }

  private complete(): ParsedHeader {
    this.hdu = 'done';
    return this.result();
  }

  private result(): ParsedHeader {
    const keywords: Record<string, FitsValue> = Object.assign(Object.create(null), this.keywords);
    // The primary of a tile-compressed file says NAXIS = 0; the image's own keywords live in the extension.
    for (const [key, value] of Object.entries(this.extensionKeywords)) if (!Object.hasOwn(this.keywords, key) || key.startsWith('Z')) keywords[key] = value;
    return { format: 'fits', cards: this.cards, keywords, warnings: this.warnings, bytesRead: this.bytesRead || this.offset };
  }

  private partial(): ParsedHeader {
    return { format: 'fits', cards: [...this.cards], keywords: Object.assign(Object.create(null), this.keywords), warnings: [...this.warnings], bytesRead: this.offset };
  }
}

/** Parses the FITS header at the start of `bytes` (a convenience over FitsHeaderReader). */
export function parseFitsHeader(bytes: Uint8Array, options?: FitsReaderOptions): ParsedHeader {
  const reader = new FitsHeaderReader(options);
  reader.push(bytes);
  return reader.finish();
}
