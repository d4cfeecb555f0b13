import { BadRequestException } from '@nestjs/common';
import { INT4_MAX, ParseInt4Pipe, unsafeInput } from './request-input';

describe('ParseInt4Pipe', () => {
  it('takes integers an int4 column holds, from text or an already converted number', () => {
    const pipe = new ParseInt4Pipe();
    expect(pipe.transform('1')).toBe(1);
    expect(pipe.transform(String(INT4_MAX))).toBe(INT4_MAX);
    expect(pipe.transform(42)).toBe(42);
  });

  it('refuses what no row can have, in the shape the caller asks for', () => {
    const pipe = new ParseInt4Pipe();
    for (const bad of ['2147483648', '99999999999999999999', '0', '-1', '1.5', '1e3', 'abc', '', 2147483648]) expect(() => pipe.transform(bad)).toThrow(BadRequestException);
    const custom = new ParseInt4Pipe({ min: 0, exceptionFactory: (message) => new Error(`custom: ${message}`) });
    expect(custom.transform('0')).toBe(0);
    expect(() => custom.transform('2147483648')).toThrow('custom: "2147483648" is not an integer from 0 to 2147483647');
  });
});

describe('unsafeInput', () => {
  it('finds NUL characters in strings and keys at any depth', () => {
    expect(unsafeInput({ a: [{ b: 'fine' }] })).toBeUndefined();
    expect(unsafeInput({ a: [{ b: 'x\u0000y' }] })).toMatch(/NUL/);
    expect(unsafeInput({ a: { 'k\u0000': 1 } })).toMatch(/NUL/);
    expect(unsafeInput('plain\u0000')).toMatch(/NUL/);
  });

  it('measures nesting without recursion: 100,000 deep is refused, not a stack overflow', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeInput(deep)).toBe('JSON nested deeper than 256 levels is not accepted');
    let ok: unknown = 'leaf';
    for (let i = 0; i < 256; i++) ok = { next: ok };
    expect(unsafeInput(ok)).toBeUndefined();
    expect(unsafeInput({ next: ok })).toMatch(/deeper than 256/);
  });
});
