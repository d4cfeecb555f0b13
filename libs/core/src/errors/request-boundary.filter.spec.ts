import { HttpException, NotFoundException } from '@nestjs/common';
import { DatabaseBusyError } from '../database/pglite-pool';
import { StorageFullError } from '../storage/file-store';
import { asWireAnswer } from './request-boundary.filter';

function response() {
  const headers: Record<string, string> = {};
  return { headers, setHeader: (name: string, value: string) => (headers[name] = value) };
}

describe('asWireAnswer', () => {
  it("turns a lost database into a 503 in the route's family and a full disk into a 507", () => {
    const lost = asWireAnswer(new Error('Connection terminated unexpectedly'), response(), 'arcsecond') as HttpException;
    expect([lost.getStatus(), lost.getResponse()]).toEqual([503, { detail: 'The database is not available; try again later.' }]);
    const full = asWireAnswer(new StorageFullError('ENOSPC'), response(), 'indi-allsky') as HttpException;
    expect([full.getStatus(), full.getResponse()]).toEqual([507, { error: 'Insufficient storage: there is no space left to store the file.' }]);
  });

  it('says when to retry a busy database', () => {
    const res = response();
    const busy = asWireAnswer(new DatabaseBusyError(3), res, 'skygate') as HttpException;
    expect(busy.getStatus()).toBe(503);
    expect(res.headers).toEqual({ 'Retry-After': '1' });
  });

  it('leaves HTTP exceptions and bugs as they are', () => {
    const notFound = new NotFoundException('no such thing');
    const bug = new TypeError('x is undefined');
    const res = response();
    expect(asWireAnswer(notFound, res, 'nina')).toBe(notFound);
    expect(asWireAnswer(bug, res, 'nina')).toBe(bug);
    expect(res.headers).toEqual({});
  });
});
