import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { ApiMycodoNotFound, MycodoController, notFound } from '../http/mycodo-http';

const NO_CAMERAS = 'Skygate has no Mycodo cameras: the observatory camera is the Equipment camera (/v2/api/equipment/camera), the allsky camera the Allsky and SyncAPI routes';

/** Mycodo's camera routes, kept so Mycodo clients get a clear answer. */
@MycodoController('cameras', 'daemon: cameras')
export class CamerasController {
  @Get('capture_image/:unique_id')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Capture an image (no Mycodo cameras here: always 404)', description: `${NO_CAMERAS}. Needs daemon:update because Mycodo's GET captures (a side effect).`, deprecated: true })
  @ApiMycodoNotFound('camera')
  captureMycodoCameraImage(@Param('unique_id') id: string): never {
    throw notFound('Camera', `${id} (${NO_CAMERAS})`);
  }

  @Get('last_image/:unique_id/:img_type')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'The last still or timelapse image (no Mycodo cameras here: always 404)', description: NO_CAMERAS, deprecated: true })
  @ApiMycodoNotFound('camera')
  getMycodoCameraLastImage(@Param('unique_id') id: string): never {
    throw notFound('Camera', `${id} (${NO_CAMERAS})`);
  }
}
