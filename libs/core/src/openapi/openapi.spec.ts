import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_SECURITY_MARKER } from '../security/access';
import { assertUniqueOperationIds, completeOperations, serializeOpenApi, sortKeysDeep } from './openapi';

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

  it('completes what Nest leaves out: empty security on public routes, wildcard path parameters, no SEARCH', () => {
    const responses = { 200: { description: 'ok' } };
    const doc = {
      paths: {
        '/health': { get: { responses, security: [{ [PUBLIC_SECURITY_MARKER]: [] }] } },
        '/v2/api/sequence/{path}': {
          get: { responses, parameters: [], security: [{ jwt: [] }] },
          search: { responses },
        },
        '/nightlogs/{uuid}': { get: { responses, parameters: [{ name: 'uuid', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }] } },
      },
    } as unknown as OpenAPIObject;
    completeOperations(doc);
    expect(doc.paths['/health'].get?.security).toEqual([]);
    const wildcard = doc.paths['/v2/api/sequence/{path}'];
    expect(Object.keys(wildcard)).toEqual(['get']);
    expect(wildcard.get?.security).toEqual([{ jwt: [] }]);
    expect(wildcard.get?.parameters).toEqual([expect.objectContaining({ name: 'path', in: 'path', required: true, schema: { type: 'string' } })]);
    expect(doc.paths['/nightlogs/{uuid}'].get?.parameters).toHaveLength(1);
  });
});
