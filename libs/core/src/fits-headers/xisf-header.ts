import { onFirstUse } from '../runtime/on-first-use';
import { parseValueField } from './fits-card';
import { HeaderParseError } from './header-errors';
import type { FitsCard, FitsValue, ParsedHeader } from './header-types';

export const XISF_SIGNATURE = 'XISF0100';
const PREAMBLE = 16;
const DEFAULT_MAX_HEADER = 16 * 1024 * 1024;

type XmlNode = Record<string, unknown>;

/**
 * Incremental XISF 1.0 (monolithic) header reader: signature `XISF0100`, uint32 little-endian
 * header length, 4 reserved bytes, then the UTF-8 XML header. Reads those bytes only.
 */
export class XisfHeaderReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private headerLength?: number;
  private header?: ParsedHeader;

  constructor(private readonly maxHeaderBytes = DEFAULT_MAX_HEADER) {}

  get done(): boolean {
    return this.header !== undefined;
  }

  push(chunk: Uint8Array): boolean {
    if (this.done) return true;
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.buffered += chunk.length;
    if (this.headerLength === undefined && this.buffered >= PREAMBLE) this.readPreamble();
    if (this.headerLength !== undefined && this.buffered >= PREAMBLE + this.headerLength) {
      const all = Buffer.concat(this.chunks);
      this.header = parseXisfXml(all.subarray(PREAMBLE, PREAMBLE + this.headerLength), PREAMBLE + this.headerLength);
    }
    return this.done;
  }

  finish(): ParsedHeader {
    if (this.header) return this.header;
    const expected = this.headerLength === undefined ? PREAMBLE : PREAMBLE + this.headerLength;
    throw new HeaderParseError('truncated-xisf-header', `the stream ended after ${this.buffered} of the ${expected} header bytes`, this.buffered);
  }

  private readPreamble(): void {
    const start = Buffer.concat(this.chunks).subarray(0, PREAMBLE);
    if (start.toString('latin1', 0, 8) !== XISF_SIGNATURE) throw new HeaderParseError('bad-xisf-signature', 'an XISF file starts with "XISF0100"', 0);
    const length = start.readUInt32LE(8);
    if (length === 0) throw new HeaderParseError('bad-xisf-xml', 'the XML header length is zero', 8);
    if (length > this.maxHeaderBytes) throw new HeaderParseError('header-too-large', `XML header of ${length} bytes exceeds ${this.maxHeaderBytes}`, 8);
    this.headerLength = length;
  }
}

/** fast-xml-parser loads with the first XISF header (FITS is the common case), ~1.5 MiB resident. */
const xmlParser = onFirstUse(() => {
  const { XMLParser, XMLValidator } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    // Elements are in the XISF namespace; prefixes are dropped so prefixed and default forms read alike.
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  });
  return { parser, XMLValidator };
});

/** Parses the XML header and collects every FITSKeyword and Property element. */
export function parseXisfXml(xml: Uint8Array, bytesRead: number): ParsedHeader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(xml).replace(/\0+$/, '');
  } catch {
    throw new HeaderParseError('bad-xisf-xml', 'the XML header is not valid UTF-8', PREAMBLE);
  }
  const { parser, XMLValidator } = xmlParser();
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new HeaderParseError('bad-xisf-xml', `${valid.err.msg} (line ${valid.err.line})`, PREAMBLE);
  let tree: XmlNode;
  try {
    // The validator and the parser disagree on some malformed input (found by the fuzz test).
    tree = parser.parse(text) as XmlNode;
  } catch (err) {
    throw new HeaderParseError('bad-xisf-xml', err instanceof Error ? err.message : String(err), PREAMBLE);
  }
  const root = (tree.xisf as XmlNode[] | undefined)?.[0];
  if (!root) throw new HeaderParseError('bad-xisf-xml', 'the XML header has no <xisf> root element', PREAMBLE);
  const cards: FitsCard[] = [];
  const keywords: Record<string, FitsValue> = Object.create(null);
  const properties: Record<string, string> = Object.create(null);
  const warnings: string[] = [];
  walk(root, (name, node) => {
    if (name === 'FITSKeyword') addKeyword(node, cards, keywords, warnings);
    else if (name === 'Property' && typeof node['@id'] === 'string') properties[node['@id']] = propertyValue(node);
  });
  return { format: 'xisf', cards, keywords, warnings, bytesRead, properties };
}

function walk(node: XmlNode, visit: (name: string, node: XmlNode) => void): void {
  for (const [name, children] of Object.entries(node)) {
    if (name.startsWith('@') || !Array.isArray(children)) continue;
    for (const child of children) {
      if (child === null || typeof child !== 'object') continue;
      visit(name, child as XmlNode);
      walk(child as XmlNode, visit);
    }
  }
}

/** `value` keeps the FITS text form: quoted strings (with doubled quotes), bare numbers and T/F. */
function addKeyword(node: XmlNode, cards: FitsCard[], keywords: Record<string, FitsValue>, warnings: string[]): void {
  const key = typeof node['@name'] === 'string' ? node['@name'].trim() : '';
  if (!key) return void warnings.push('a FITSKeyword element has no name');
  const rawValue = typeof node['@value'] === 'string' ? node['@value'] : '';
  const comment = typeof node['@comment'] === 'string' && node['@comment'] !== '' ? node['@comment'] : undefined;
  if (key === 'COMMENT' || key === 'HISTORY') return void cards.push({ key, kind: 'commentary', comment: comment ?? rawValue, raw: rawValue });
  const field = parseValueField(rawValue);
  if (field.warning && !field.warning.startsWith('unquoted')) warnings.push(`${key}: ${field.warning}`);
  if (Object.hasOwn(keywords, key)) warnings.push(`keyword ${key} appears more than once; the last value is used`);
  keywords[key] = field.value;
  cards.push({ key, kind: 'value', value: field.value, comment, raw: rawValue });
}

function propertyValue(node: XmlNode): string {
  if (typeof node['@value'] === 'string') return node['@value'];
  const text = node['#text'];
  return Array.isArray(text) ? String(text[0]) : typeof text === 'string' ? text : '';
}
