import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { UseWireFamily } from '@app/core';
import { NinaEnvelopeFilter } from './envelope';

/** ninaAPI's wrapper, documented once; `Response` holds the route's payload or "" on error. */
export class NinaEnvelopeDto {
  @ApiProperty({ description: 'The payload (a string, an object or an array); "" on error', example: 'Connected', oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'array', items: {} }, { type: 'number' }] })
  Response: unknown;
  @ApiProperty({ example: '' })
  Error: string;
  @ApiProperty({ description: 'The real outcome; the HTTP status is 200 whatever it is (as in ninaAPI)', example: 200 })
  StatusCode: number;
  @ApiProperty({ example: true })
  Success: boolean;
  @ApiProperty({ example: 'API', enum: ['API', 'Socket'] })
  Type: string;
}

const ENVELOPE_NOTE =
  'N.I.N.A. Advanced API v2 (2.2.x) wire contract: always HTTP 200 with the outcome in the envelope (StatusCode 400 bad parameter, 409 device not connected or busy, 500 unexpected). Skygate differs only by requiring credentials from remote callers (401/403, envelope body).';

/** A ninaAPI v2 controller: path under /v2/api, envelope errors, NINA-style auth failures. */
export function NinaController(path: string, tag: string): ClassDecorator {
  return applyDecorators(Controller(`v2/api${path ? `/${path}` : ''}`), UseWireFamily('nina'), UseFilters(NinaEnvelopeFilter), ApiTags(tag), ApiOkResponse({ type: NinaEnvelopeDto, description: ENVELOPE_NOTE }));
}

/** info, lists, histories, images. */
export const NinaRead = (): MethodDecorator & ClassDecorator => RequirePermission('equipment', 'read');
/** Anything that acts on a device or changes state. */
export const NinaAct = (): MethodDecorator & ClassDecorator => RequirePermission('equipment', 'update');

/** One optional query parameter of a ninaAPI GET route, as the route reads it. */
export interface NinaQueryParam {
  name: string;
  type: 'number' | 'boolean' | 'string';
  description: string;
  enum?: readonly string[];
}

const QUERY_TYPES = { number: Number, boolean: Boolean, string: String } as const;

/** Documents a route's optional query parameters (ninaAPI passes every argument in the query string). */
export const NinaQuery = (...params: NinaQueryParam[]): MethodDecorator =>
  applyDecorators(...params.map((p) => ApiQuery({ name: p.name, required: false, type: QUERY_TYPES[p.type], description: p.description, ...(p.enum ? { enum: [...p.enum] } : {}) })));

/** The preview parameters shared by capture, image/{index} and prepared-image (image-reply.ts previewOptions). */
export const PREVIEW_QUERY: NinaQueryParam[] = [
  { name: 'stream', type: 'boolean', description: 'true: the image bytes with their Content-Type instead of base64 in the envelope' },
  { name: 'resize', type: 'boolean', description: 'true: scale the preview down to size' },
  { name: 'size', type: 'string', description: 'Target size as WIDTHxHEIGHT (with resize=true), e.g. 640x480' },
  { name: 'scale', type: 'number', description: 'Scale factor instead of size, e.g. 0.5' },
  { name: 'quality', type: 'number', description: 'JPEG quality 1-100; -1 (default) sends PNG' },
  { name: 'factor', type: 'number', description: 'Auto-stretch factor 0.01-0.99' },
  { name: 'blackClipping', type: 'number', description: 'Auto-stretch black clipping, -10..10' },
  { name: 'skipAutoStretch', type: 'boolean', description: 'true: a linear preview without auto-stretch' },
];
