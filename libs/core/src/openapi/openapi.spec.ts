import type { OpenAPIObject } from '@nestjs/swagger';
import { assertUniqueOperationIds, serializeOpenApi, sortKeysDeep } from './openapi';

describe('OpenAPI helpers', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(JSON.stringify(sortKeysDeep({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 2 } }))).toBe('{"a":{"c":2,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('serialises identically whatever the insertion order', () => {
    const one = { openapi: '3.0.0', paths: { '/b': {}, '/a': {} } } as unknown as OpenAPIObject;
    const two = { paths: { '/a': {}, '/b': {} }, openapi: '3.0.0' } as unknown as OpenAPIObject;
    expect(serializeOpenApi(one)).toBe(serializeOpenApi(two));
  });

  it('refuses two operations with one operationId', () => {
    const doc = { paths: { '/a': { get: { operationId: 'list' } }, '/b': { post: { operationId: 'list' } } } } as unknown as OpenAPIObject;
    expect(() => assertUniqueOperationIds(doc)).toThrow('operationId "list" is used by both GET /a and POST /b');
  });
});
