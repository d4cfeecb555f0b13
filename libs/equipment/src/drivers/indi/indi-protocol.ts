import type { SaxesParser } from 'saxes';
import { onFirstUse } from '@app/core';

/** Loaded by the first INDI connection: the simulated drivers (the default) never parse INDI XML. */
const saxes = onFirstUse(() => require('saxes') as typeof import('saxes'));

/** INDI property model (INDI white paper 1.7; libindi 1.9.9 indiapi.h). */
export type IndiState = 'Idle' | 'Ok' | 'Busy' | 'Alert';
export type IndiKind = 'Text' | 'Number' | 'Switch' | 'Light' | 'BLOB';

export interface IndiBlob {
  format: string;
  data: Buffer;
}

export interface IndiProperty {
  device: string;
  name: string;
  kind: IndiKind;
  state: IndiState;
  /** Worst-case seconds the device expects a change to take (0 when not given). */
  timeout: number;
  /** Element values, trimmed (drivers pad them with newlines and spaces). */
  values: Map<string, string>;
  blobs: Map<string, IndiBlob>;
  /** From def*: `ro`, `wo` or `rw` (lights have none). */
  perm?: string;
  /** From defSwitchVector: OneOfMany, AtMostOne or AnyOfMany. */
  rule?: string;
  /** From def*: element labels and (numbers) ranges; set* keeps those of the def. */
  labels?: Map<string, string>;
  limits?: Map<string, { min: number; max: number; step: number }>;
}

export type IndiMessage =
  | { type: 'def' | 'set'; property: IndiProperty }
  | { type: 'del'; device: string; name?: string }
  | { type: 'message'; device?: string; text: string };

const VECTOR = /^(def|set)(Text|Number|Switch|Light|BLOB)Vector$/;
const ELEMENT = /^(def|one)(Text|Number|Switch|Light|BLOB)$/;

const BLOB_OPEN = '<oneBLOB';

/**
 * Streaming parser for the INDI wire: top-level XML elements with no root and no framing,
 * fed in arbitrary chunks (saxes in fragment mode). BLOB text is base64 and can be megabytes:
 * saxes would look at every character of it (~50 ms for a 2.6 MB frame, against 3 ms for the
 * base64 decode), so the text inside `<oneBLOB ...>` bypasses it. Base64 holds no `<`, so the
 * first `<` after the start tag begins `</oneBLOB>`, which goes back to saxes.
 */
export class IndiStreamParser {
  private parser = this.create();
  private vector: { type: 'def' | 'set'; property: IndiProperty } | null = null;
  private element: { name: string; format: string; text: string[] } | null = null;
  /** Inside a `<oneBLOB>`'s base64 text, which is collected without saxes. */
  private inBlobText = false;
  /** The end of the last chunk when it may be the start of a `<oneBLOB` tag. */
  private carry = '';

  constructor(private readonly onMessage: (message: IndiMessage) => void) {}

  write(chunk: string): void {
    let rest = this.carry + chunk;
    this.carry = '';
    while (rest) {
      if (this.inBlobText) {
        const end = rest.indexOf('<');
        this.element?.text.push(end < 0 ? rest : rest.slice(0, end));
        if (end < 0) return;
        this.inBlobText = false;
        rest = rest.slice(end);
        continue;
      }
      const open = rest.indexOf(BLOB_OPEN);
      if (open < 0) {
        // Keep a tail that may be the start of `<oneBLOB` for the next chunk.
        const keep = partialPrefixLength(rest, BLOB_OPEN);
        this.parser.write(rest.slice(0, rest.length - keep));
        this.carry = rest.slice(rest.length - keep);
        return;
      }
      const tagEnd = startTagEnd(rest, open);
      if (tagEnd < 0) {
        this.parser.write(rest.slice(0, open));
        this.carry = rest.slice(open);
        return;
      }
      this.parser.write(rest.slice(0, tagEnd + 1));
      this.inBlobText = rest[tagEnd - 1] !== '/';
      rest = rest.slice(tagEnd + 1);
    }
  }

  /** Forgets a half-received element (after a reconnect the stream starts afresh). */
  reset(): void {
    this.parser = this.create();
    this.carry = '';
    this.inBlobText = false;
    this.vector = null;
    this.element = null;
  }

  private create(): SaxesParser {
    const parser = new (saxes().SaxesParser)({ fragment: true });
    parser.on('opentag', (tag) => this.open(tag.name, tag.attributes as Record<string, string>));
    parser.on('text', (text) => this.element?.text.push(text));
    parser.on('closetag', (tag) => this.close(tag.name));
    parser.on('error', (err) => {
      throw new Error(`INDI stream is not well-formed XML: ${err.message}`);
    });
    return parser;
  }

  private open(name: string, attrs: Record<string, string>): void {
    const vector = VECTOR.exec(name);
    if (vector) {
      this.vector = {
        type: vector[1] as 'def' | 'set',
        property: {
          device: attrs.device ?? '',
          name: attrs.name ?? '',
          kind: vector[2] as IndiKind,
          state: (attrs.state as IndiState) ?? 'Idle',
          timeout: Number(attrs.timeout ?? 0) || 0,
          values: new Map(),
          blobs: new Map(),
          ...(vector[1] === 'def' ? { perm: attrs.perm, rule: attrs.rule, labels: new Map(), limits: new Map() } : {}),
        },
      };
      return;
    }
    if (ELEMENT.test(name) && this.vector) {
      const { labels, limits } = this.vector.property;
      if (attrs.label) labels?.set(attrs.name ?? '', attrs.label);
      if (attrs.min !== undefined && attrs.max !== undefined) limits?.set(attrs.name ?? '', { min: Number(attrs.min), max: Number(attrs.max), step: Number(attrs.step ?? 0) || 0 });
      this.element = { name: attrs.name ?? '', format: attrs.format ?? '', text: [] };
      return;
    }
    if (name === 'delProperty') this.onMessage({ type: 'del', device: attrs.device ?? '', name: attrs.name });
    else if (name === 'message') this.onMessage({ type: 'message', device: attrs.device, text: attrs.message ?? '' });
  }

  private close(name: string): void {
    if (this.element && ELEMENT.test(name) && this.vector) {
      const text = this.element.text.join('').trim();
      if (this.vector.property.kind === 'BLOB') {
        this.vector.property.blobs.set(this.element.name, { format: this.element.format, data: Buffer.from(text, 'base64') });
      } else {
        this.vector.property.values.set(this.element.name, text);
      }
      this.element = null;
      return;
    }
    if (this.vector && VECTOR.test(name)) {
      const done = this.vector;
      this.vector = null;
      this.onMessage(done);
    }
  }
}

/** Index of the `>` closing the start tag at `from` (quoted attribute values may hold `>`), or -1 when it has not arrived. */
function startTagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** How many characters at the end of `text` are a proper prefix of `word`. */
function partialPrefixLength(text: string, word: string): number {
  for (let n = Math.min(word.length - 1, text.length); n > 0; n--) if (word.startsWith(text.slice(text.length - n))) return n;
  return 0;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `<newXXXVector device name><oneXXX name>value</oneXXX>...</newXXXVector>` */
export function newVector(kind: 'Text' | 'Number' | 'Switch', device: string, name: string, values: Record<string, string | number>): string {
  const ones = Object.entries(values)
    .map(([element, value]) => `<one${kind} name="${escapeXml(element)}">${escapeXml(String(value))}</one${kind}>`)
    .join('');
  return `<new${kind}Vector device="${escapeXml(device)}" name="${escapeXml(name)}">${ones}</new${kind}Vector>\n`;
}

export function getProperties(device?: string, name?: string): string {
  const attrs = [`version="1.7"`, device ? `device="${escapeXml(device)}"` : '', name ? `name="${escapeXml(name)}"` : ''].filter(Boolean).join(' ');
  return `<getProperties ${attrs}/>\n`;
}

export function enableBlob(device: string, mode: 'Never' | 'Also' | 'Only' = 'Also'): string {
  return `<enableBLOB device="${escapeXml(device)}">${mode}</enableBLOB>\n`;
}
