import { All, Get } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { NinaError } from '../nina/envelope';
import { NinaController, NinaRead } from '../nina/nina-api.decorators';

const notYet = (area: string) => new NinaError(`Not available in Skygate yet: ${area}`, 501);

/** The rest of a wildcard route's URL (sequence/*path ...), declared so the document names it. */
const REST_OF_PATH = { name: 'path', type: String, description: 'Any route below this area, e.g. "state" or "start"' };
const IMAGE_INDEX = { name: 'index', type: Number };

/**
 * Routes of the 2.2.15 spec that Skygate does not implement yet. They answer the envelope
 * (StatusCode 501) instead of a bare 404, so clients show a message instead of breaking.
 * The list is kept in libs/equipment/README.md.
 */
@NinaController('', 'N.I.N.A. not yet available')
export class NotBuiltController {
  @All('livestack/*path')
  @NinaRead()
  @ApiParam(REST_OF_PATH)
  @ApiOperation({ summary: 'Live stacking: not available yet (501 in the envelope)' })
  ninaLivestackNotAvailable() {
    throw notYet('livestack');
  }

  @All('flats/*path')
  @NinaRead()
  @ApiParam(REST_OF_PATH)
  @ApiOperation({ summary: 'Flat wizard: not available yet (501 in the envelope)' })
  ninaFlatsNotAvailable() {
    throw notYet('flats');
  }

  @Get('plugin/settings')
  @NinaRead()
  @ApiOperation({ summary: 'Plugin settings: not available (501 in the envelope)' })
  ninaPluginSettingsNotAvailable() {
    throw notYet('plugin settings');
  }

  @Get('astro-util/moon-separation')
  @NinaRead()
  @ApiOperation({ summary: 'Moon separation: not available yet (501 in the envelope)' })
  ninaMoonSeparationNotAvailable() {
    throw notYet('astro-util');
  }

  @Get('image/:index/solve')
  @NinaRead()
  @ApiParam(IMAGE_INDEX)
  @ApiOperation({ summary: 'Plate solving a saved image: no solver installed (501 in the envelope)' })
  ninaImageSolveNotAvailable() {
    throw notYet('plate solving');
  }

  @Get('image/:index/prefix')
  @NinaRead()
  @ApiParam(IMAGE_INDEX)
  @ApiOperation({ summary: 'Renaming a saved image: not available yet (501 in the envelope)' })
  ninaImagePrefixNotAvailable() {
    throw notYet('image prefix');
  }

  @Get('prepared-image/solve')
  @NinaRead()
  @ApiOperation({ summary: 'Plate solving the prepared image: no solver installed (501 in the envelope)' })
  ninaPreparedImageSolveNotAvailable() {
    throw notYet('plate solving');
  }
}
