/** A FITS complex value `(re, im)`. */
export interface FitsComplex {
  re: number;
  im: number;
}

/**
 * A keyword value. `null` is the FITS "undefined value" (empty value field). Integers that do not
 * fit a double exactly are kept as bigint (FITS sets no upper size, 64-bit data exist).
 */
export type FitsValue = string | number | bigint | boolean | FitsComplex | null;

export type CardKind = 'value' | 'commentary' | 'end';

export interface FitsCard {
  /** Keyword name; for HIERARCH records, the name after `HIERARCH ` (e.g. `ESO INS OPTI-3 ID`). */
  key: string;
  kind: CardKind;
  value?: FitsValue;
  comment?: string;
  /** The 80-character record(s) as read; for a CONTINUE chain, the records joined. */
  raw: string;
  hierarch?: boolean;
}

export interface ParsedHeader {
  format: 'fits' | 'xisf';
  /** Value and commentary cards in file order (COMMENT/HISTORY order is kept). */
  cards: FitsCard[];
  /** Last value of each keyword (later duplicates win; see `warnings`). */
  keywords: Record<string, FitsValue>;
  /** Lenient readings (unquoted strings, duplicates, odd keyword names). */
  warnings: string[];
  /** Bytes consumed from the (decompressed) stream to read the header. */
  bytesRead: number;
  /** XISF typed properties by id (e.g. `Observation:Time:Start`). */
  properties?: Record<string, string>;
}
