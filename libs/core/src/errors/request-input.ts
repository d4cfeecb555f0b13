import { BadRequestException, type PipeTransform } from '@nestjs/common';

/** The largest PostgreSQL `integer` (int4): every serial id and every count the database keeps. */
export const INT4_MAX = 2_147_483_647;

/** Deeper than any client sends (a N.I.N.A. sequence of nested containers included); deeper only exhausts the stack of whatever walks it. */
export const MAX_JSON_DEPTH = 256;

/**
 * ParseIntPipe bounded to what an int4 column holds, so an id the database cannot store is refused
 * before a query is made. `exceptionFactory` gives the family's shape (Skygate's by default).
 */
export class ParseInt4Pipe implements PipeTransform<string | number, number> {
  constructor(private readonly options: { min?: number; exceptionFactory?: (message: string) => Error } = {}) {}

  /** A string from the URL, or a number when the global ValidationPipe has already converted it. */
  transform(value: string | number): number {
    const text = String(value);
    const min = this.options.min ?? 1;
    const n = /^-?\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (Number.isInteger(n) && n >= min && n <= INT4_MAX) return n;
    const message = `"${text.slice(0, 40)}" is not an integer from ${min} to ${INT4_MAX}`;
    throw this.options.exceptionFactory ? this.options.exceptionFactory(message) : new BadRequestException(message);
  }
}

/**
 * What makes a value unsafe to pass on: a NUL character in any string or key (PostgreSQL text and
 * jsonb cannot hold one), or nesting deeper than maxDepth. Walks without recursion, so a value
 * nested 10,000 deep is measured, not a stack overflow. Undefined when the value is fine.
 */
export function unsafeInput(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return 'a NUL character (\\u0000) is not accepted in text';
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= maxDepth) return `JSON nested deeper than ${maxDepth} levels is not accepted`;
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\0')) return 'a NUL character (\\u0000) is not accepted in text';
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Why a request must be refused before pipes and handlers see it: a NUL byte in its URL (path or query), or a parsed body holding a NUL or nested too deep. */
export function unsafeRequest(req: { originalUrl: string; body?: unknown }): string | undefined {
  return /%00/i.test(req.originalUrl) ? 'a NUL byte (%00) is not accepted in the URL' : unsafeInput(req.body);
}
