import type { ParsedHeader } from './header-types';

/** Why a header could not be read. Codes are stable: they are stored with the data file and shown to clients. */
export type HeaderErrorCode =
  | 'unknown-format'
  | 'missing-end'
  | 'truncated-block'
  | 'non-ascii'
  | 'header-too-large'
  | 'bad-xisf-signature'
  | 'truncated-xisf-header'
  | 'bad-xisf-xml';

export class HeaderParseError extends Error {
  constructor(
    readonly code: HeaderErrorCode,
    message: string,
    /** Byte offset in the (decompressed) stream where the problem was found, when known. */
    readonly offset?: number,
    /** What could be read before the problem (a header without END is still usable). */
    readonly partial?: ParsedHeader,
  ) {
    super(offset === undefined ? `${code}: ${message}` : `${code} at byte ${offset}: ${message}`);
    this.name = 'HeaderParseError';
  }
}
