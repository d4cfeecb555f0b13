import type { FitsCard, FitsComplex, FitsValue } from './header-types';

export const CARD_LENGTH = 80;
const COMMENTARY_KEYS = new Set(['COMMENT', 'HISTORY', '']);
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?$/;
const KEYWORD_NAME = /^[A-Z0-9_-]*$/;

export interface ValueField {
  value: FitsValue;
  comment?: string;
  /** Set when the value was read leniently (not valid FITS syntax). */
  warning?: string;
}

/** Reads one 80-character record (already checked to be printable ASCII). */
export function parseCard(record: string, warnings: string[]): FitsCard {
  const name = record.slice(0, 8).trimEnd();
  if (name === 'END' && record.slice(3).trim() === '') return { key: 'END', kind: 'end', raw: record };
  if (name === 'HIERARCH') return parseHierarch(record, warnings);
  if (COMMENTARY_KEYS.has(name) || record.slice(8, 10) !== '= ') {
    // CONTINUE records and keywords without "= " carry commentary text in bytes 9-80.
    return { key: name, kind: 'commentary', comment: record.slice(8).trimEnd(), raw: record };
  }
  if (!KEYWORD_NAME.test(name)) warnings.push(`keyword "${name}" has characters outside A-Z 0-9 - _`);
  const field = parseValueField(record.slice(10));
  if (field.warning) warnings.push(`${name}: ${field.warning}`);
  return { key: name, kind: 'value', value: field.value, comment: field.comment, raw: record };
}

/** ESO HIERARCH: the name runs from byte 10 to the `=`, value and comment are free format. */
function parseHierarch(record: string, warnings: string[]): FitsCard {
  const rest = record.slice(8);
  const eq = rest.indexOf('=');
  if (eq < 0) return { key: 'HIERARCH', kind: 'commentary', comment: rest.trimEnd(), raw: record };
  const key = rest.slice(0, eq).trim();
  const field = parseValueField(rest.slice(eq + 1));
  if (field.warning) warnings.push(`HIERARCH ${key}: ${field.warning}`);
  return { key, kind: 'value', value: field.value, comment: field.comment, raw: record, hierarch: true };
}

/** Value and comment after the value indicator (fixed or free format). */
export function parseValueField(field: string): ValueField {
  const text = field.trimStart();
  if (text === '' || text.startsWith('/')) return { value: null, comment: commentOf(text) };
  if (text.startsWith("'")) return parseString(text);
  if (text.startsWith('(')) return parseComplex(text);
  const slash = text.indexOf('/');
  const token = (slash < 0 ? text : text.slice(0, slash)).trim();
  const comment = slash < 0 ? undefined : commentOf(text.slice(slash));
  if (token === 'T' || token === 'F') return { value: token === 'T', comment };
  if (INTEGER.test(token)) return { value: toInteger(token), comment };
  if (REAL.test(token)) return { value: Number(token.replace(/[Dd]/, 'E')), comment };
  // Some capture software writes dates unquoted; keep the text rather than lose the keyword.
  return { value: token, comment, warning: `unquoted value "${token}" read as a string` };
}

function commentOf(text: string): string | undefined {
  const comment = text.replace(/^\s*\/\s?/, '').trimEnd();
  return comment === '' ? undefined : comment;
}

function toInteger(token: string): number | bigint {
  const big = BigInt(token);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** A quoted string: `''` inside is one quote; leading spaces count, trailing spaces do not. */
function parseString(text: string): ValueField {
  let value = '';
  let i = 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) return { value: (value + text.slice(i)).trimEnd(), warning: 'string without closing quote' };
    value += text.slice(i, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      i = quote + 2;
      continue;
    }
    i = quote + 1;
    break;
  }
  const rest = text.slice(i).trim();
  const warning = rest !== '' && !rest.startsWith('/') ? `text "${rest}" after the closing quote ignored` : undefined;
  return { value: value.trimEnd(), comment: rest.startsWith('/') ? commentOf(rest) : undefined, warning };
}

function parseComplex(text: string): ValueField {
  const close = text.indexOf(')');
  const parts = (close < 0 ? '' : text.slice(1, close)).split(',').map((p) => p.trim());
  const nums = parts.map((p) => (INTEGER.test(p) || REAL.test(p) ? Number(p.replace(/[Dd]/, 'E')) : Number.NaN));
  const comment = close < 0 ? undefined : commentOf(text.slice(close + 1));
  if (nums.length !== 2 || nums.some(Number.isNaN)) return { value: text.trimEnd(), comment, warning: `malformed complex value "${text.trim()}"` };
  const value: FitsComplex = { re: nums[0], im: nums[1] };
  return { value, comment };
}
