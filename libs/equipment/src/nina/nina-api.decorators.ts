import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
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
