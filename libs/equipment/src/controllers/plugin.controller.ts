import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ninaOk } from '../nina/envelope';
import { NinaController, NinaRead } from '../nina/nina-api.decorators';

@NinaController('plugin', 'N.I.N.A. application')
export class PluginController {
  @Get('settings')
  @NinaRead()
  @ApiOperation({ summary: "ninaAPI's own settings: Skygate sends no CORS header and always makes thumbnails" })
  getPluginSettings() {
    return ninaOk({ AccessControlHeaderEnabled: false, ShouldCreateThumbnails: true });
  }
}
