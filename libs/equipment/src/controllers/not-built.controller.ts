import { All } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { NinaError } from '../nina/envelope';
import { NinaController, NinaRead } from '../nina/nina-api.decorators';

const notYet = (area: string) => new NinaError(`Not available in Skygate yet: ${area}`, 501);

/** The rest of a wildcard route's URL (sequence/*path ...), declared so the document names it. */
const REST_OF_PATH = { name: 'path', type: String, description: 'Any route below this area, e.g. "state" or "start"' };

/**
 * Routes of the 2.2.15 spec that Skygate does not implement yet. They answer the envelope
 * (StatusCode 501) instead of a bare 404, so clients show a message instead of breaking.
 * The list is kept in libs/equipment/README.md.
 */
@NinaController('', 'N.I.N.A. not yet available')
export class NotBuiltController {
  @All('sequence/*path')
  @NinaRead()
  @ApiParam(REST_OF_PATH)
  @ApiOperation({ summary: 'Advanced sequencer: not available yet (501 in the envelope)' })
  ninaSequenceNotAvailable() {
    throw notYet('sequence');
  }
}
