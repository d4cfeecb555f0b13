/** A multipart body that does not follow RFC 2046 / RFC 7578; the message says what was wrong. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** RFC 2046 5.1.1: 1-70 characters from this set, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a `multipart/form-data` Content-Type, or a MultipartError saying why there is none. */
export function formDataBoundary(contentType: string | undefined): string {
  const [mediaType, ...params] = splitParams(contentType ?? '');
  if (mediaType.toLowerCase() !== 'multipart/form-data') throw new MultipartError(`the body must be multipart/form-data, not "${mediaType || 'none'}"`);
  const boundary = params.find((p) => p.name === 'boundary')?.value;
  if (!boundary || !BOUNDARY.test(boundary)) throw new MultipartError('the multipart/form-data Content-Type needs a boundary of 1-70 allowed characters');
  return boundary;
}

export interface PartHeaders {
  /** Header names lower-cased; the last of repeated headers wins. */
  headers: Map<string, string>;
  /** Content-Disposition name, if the part is form-data. */
  name: string | undefined;
  /** Client file name without any folder part (filename* wins over filename), if given. */
  filename: string | undefined;
}

/** Parses a part's header block (the bytes between the boundary line and the empty line). */
export function parsePartHeaders(block: Buffer): PartHeaders {
  const headers = new Map<string, string>();
  for (const line of block.toString('utf8').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed part header line "${line.slice(0, 80)}"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const [disposition, ...params] = splitParams(headers.get('content-disposition') ?? '');
  if (disposition.toLowerCase() !== 'form-data') return { headers, name: undefined, filename: undefined };
  const param = (name: string) => params.find((p) => p.name === name)?.value;
  const extended = params.find((p) => p.name === 'filename*');
  const filename = extended ? decodeExtendedValue(extended.value) : param('filename');
  return { headers, name: param('name'), filename: filename === undefined ? undefined : withoutFolders(filename) };
}

interface Param {
  name: string;
  value: string;
}

/** `type; a=token; b="quoted \"string\""` → ['type', {a}, {b}]; parameter names lower-cased. */
function splitParams(text: string): [string, ...Param[]] {
  const semi = text.indexOf(';');
  const head = (semi < 0 ? text : text.slice(0, semi)).trim();
  const params: Param[] = [];
  let i = semi < 0 ? text.length : semi + 1;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const name = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (text[i] === ' ' || text[i] === '\t') i++;
    let value = '';
    if (text[i] === '"') {
      // Quoted-string escapes, but only of '"' and '\\': clients send Windows paths unescaped (as busboy reads them).
      for (i++; i < text.length && text[i] !== '"'; i++) value += text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\') ? text[++i] : text[i];
      i = text.indexOf(';', i);
    } else {
      const end = text.indexOf(';', i);
      value = text.slice(i, end < 0 ? undefined : end).trim();
      i = end;
    }
    if (name) params.push({ name, value });
    if (i < 0) break;
    i++;
  }
  return [head, ...params];
}

/** RFC 5987 ext-value: `charset'language'percent-encoded`; UTF-8 or ISO-8859-1. */
function decodeExtendedValue(value: string): string | undefined {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const charset = match[1].toLowerCase();
  const bytes = Buffer.from(match[2].replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  if (charset === 'utf-8' || charset === 'utf8') return bytes.toString('utf8');
  if (charset === 'iso-8859-1' || charset === 'latin1') return bytes.toString('latin1');
  return undefined;
}

/** Browsers once sent full client paths; only the last segment is a file name. */
function withoutFolders(filename: string): string {
  const name = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  return name === '.' || name === '..' ? '' : name;
}
