import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_SECURITY_MARKER } from '../security/access';

/** Names of the security schemes in the published document; route decorators refer to these. */
export const SecurityScheme = {
  /** `Authorization: Bearer <jwt>` from POST /login. */
  Jwt: 'jwt',
  /** `X-API-KEY: <key>` (Mycodo, Skygate). */
  ApiKeyHeader: 'api_key_header',
  /** `?api_key=<key>` for GET-only clients. */
  ApiKeyQuery: 'api_key_query',
  /** `Authorization: Basic <key>`: Mycodo sends the key itself, not user:password. */
  ApiKeyBasic: 'api_key_basic',
  /** `X-Arcsecond-API-Authorization: Key <key>`. */
  ArcsecondKey: 'arcsecond_key',
  /** `Authorization: Bearer <username>:<HMAC-SHA3-512 hex>` over the metadata part (indi-allsky SyncAPI). */
  SyncSignature: 'sync_signature',
} as const;

const DESCRIPTION = `One server for a whole observatory. Each route family keeps the wire shape of the system it is
compatible with, so existing clients work unchanged:

* \`/allsky\`, \`/gpio\`, \`/focuser\`, \`/dashboard\`, \`/login\`: the Allsky Server
* \`/indi-allsky/sync/v1\`: the indi-allsky SyncAPI
* \`/api\` (JSON routes): Mycodo
* \`/v2/api\`, \`/v2/socket\`: the N.I.N.A. Advanced API 2.2.x
* \`/observingsites/\`, \`/datasets/\`, ...: Arcsecond

Every route declares the permission it needs (resource and read/update) or is public. Requests
from the local machine that did not pass a proxy may skip credentials (AUTH_TRUST_LOOPBACK).`;

/** Changes a module makes to the generated document that decorators cannot express. */
export type OpenApiAmendment = (document: OpenAPIObject) => void;
const amendments = new Set<OpenApiAmendment>();

/** Registers an amendment applied to every document built afterwards (once per function). */
export function registerOpenApiAmendment(amend: OpenApiAmendment): void {
  amendments.add(amend);
}

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Skygate')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The Skygate serving this document (port 8090 by default)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Token from POST /login' }, SecurityScheme.Jwt)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-KEY', description: 'API key (Mycodo form)' }, SecurityScheme.ApiKeyHeader)
    .addApiKey({ type: 'apiKey', in: 'query', name: 'api_key', description: 'API key as a query parameter, for clients that can only GET' }, SecurityScheme.ApiKeyQuery)
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'Mycodo form: the API key itself as the Basic credential' }, SecurityScheme.ApiKeyBasic)
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Arcsecond-API-Authorization', description: 'Arcsecond form: "Key <api key>"' },
      SecurityScheme.ArcsecondKey,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: '<username>:<hex>',
        description:
          'indi-allsky SyncAPI: hex = HMAC-SHA3-512 keyed by a signing API key over floor(unix_time/300) as decimal text followed by the exact bytes of the multipart "metadata" part',
      },
      SecurityScheme.SyncSignature,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  assertUniqueOperationIds(document);
  completeOperations(document);
  for (const amend of amendments) amend(document);
  return document;
}

type PathItemObject = OpenAPIObject['paths'][string];
type OperationObject = NonNullable<PathItemObject['get']>;
type ParameterObject = Extract<NonNullable<OperationObject['parameters']>[number], { in: string }>;

/** The HTTP methods an OpenAPI 3.0 path item may hold; Nest's @All() also emits SEARCH, which it may not. */
const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * What Nest leaves out and a valid document needs: an explicit empty `security` on @Public()
 * operations, a declaration of every path parameter (wildcard routes such as `sequence/*path`
 * become `{path}` undeclared), and no operations under methods OpenAPI does not know.
 */
export function completeOperations(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths) as [string, PathItemObject & Record<string, unknown>][]) {
    for (const key of Object.keys(item)) {
      if (!OPENAPI_METHODS.includes(key) && /^[a-z]+$/.test(key) && isOperation(item[key])) delete item[key];
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const method of OPENAPI_METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      if (op.security?.some((requirement) => PUBLIC_SECURITY_MARKER in requirement)) op.security = [];
      const declared = new Set((op.parameters ?? []).filter((p): p is ParameterObject => 'in' in p && p.in === 'path').map((p) => p.name));
      const missing = templated.filter((name) => !declared.has(name));
      if (missing.length) {
        op.parameters = [
          ...(op.parameters ?? []),
          ...missing.map((name): ParameterObject => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: 'From the URL path (for a wildcard route: the rest of the path)' })),
        ];
      }
    }
  }
}

const isOperation = (value: unknown): boolean => !!value && typeof value === 'object' && 'responses' in value;

/** SDK method names come from operation ids; two controllers using one method name would collide. */
export function assertUniqueOperationIds(document: OpenAPIObject): void {
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { operationId?: string }>)) {
      const id = op?.operationId;
      if (!id) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const other = seen.get(id);
      if (other) throw new Error(`operationId "${id}" is used by both ${other} and ${where}; rename one controller method`);
      seen.set(id, where);
    }
  }
}

/** Recursively sorted keys, so the committed document only changes when the contract does. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}

export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(sortKeysDeep(document), null, 2)}\n`;
}

/** Swagger UI at /api, the JSON document at /api-json; a factory is called once, on the first request for either. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject | (() => OpenAPIObject)): void {
  SwaggerModule.setup('api', app, document, {
    jsonDocumentUrl: 'api-json',
    yamlDocumentUrl: 'api-yaml',
    customSiteTitle: 'Skygate API',
    swaggerOptions: { persistAuthorization: true, displayOperationId: true, showExtensions: true },
  });
}
