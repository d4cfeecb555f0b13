import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation } from '@nestjs/swagger';
import { ApplicationLogs, NINA_LOG_LEVELS } from '../application/application-logs';
import { ApplicationService } from '../application/application.service';
import { ninaOk } from '../nina/envelope';
import { imageReply, previewOptions, sendNina, type QueryBag } from './image-reply';
import { encodePreview } from '../image/preview';
import { NinaAct, NinaController, NinaRead } from '../nina/nina-api.decorators';
import { bool, optionalEnum, optionalString, requiredNumber } from '../nina/query';

/** The ninaAPI plugin version whose contract these routes follow. */
export const NINA_API_VERSION = '2.2.15.0';

/** The N.I.N.A. release whose behaviour Skygate follows (ninaAPI 2.2.15 on N.I.N.A. 3.2, reference/nina-fixtures). */
const NINA_HOST_VERSION = '3.2.0.9001';

@NinaController('', 'N.I.N.A. application')
export class ApplicationController {
  constructor(
    private readonly app: ApplicationService,
    private readonly logs: ApplicationLogs,
  ) {}

  @Get('version')
  @NinaRead()
  @ApiOperation({ summary: 'The ninaAPI version this server is compatible with' })
  getNinaApiVersion() {
    return ninaOk(NINA_API_VERSION);
  }

  @Get('version/nina')
  @NinaRead()
  @ApiOperation({
    summary: 'The N.I.N.A. version whose Advanced API Skygate serves (3.2.0.9001, as the recorded rig)',
    description: 'Clients check the N.I.N.A. major version before they talk to the API, so this answers the version Skygate is compatible with; Skygate\'s own version is in /health.',
  })
  getNinaHostVersion() {
    return ninaOk(NINA_HOST_VERSION);
  }

  @Get('time')
  @NinaRead()
  @ApiOperation({ summary: 'Server time' })
  getNinaTime() {
    return ninaOk(new Date().toISOString());
  }

  @Get('application-start')
  @NinaRead()
  @ApiOperation({ summary: 'When the equipment module started' })
  getNinaApplicationStart() {
    return ninaOk(this.app.startedAt.toISOString());
  }

  @Get('application/switch-tab')
  @NinaAct()
  @ApiOperation({ summary: 'Stores the "current tab" (Skygate has no GUI; get-tab returns it)' })
  switchApplicationTab(@Query('tab') tab: unknown) {
    this.app.switchTab(optionalString('tab', tab));
    return ninaOk('Switched tab');
  }

  @Get('application/get-tab')
  @NinaRead()
  @ApiOperation({ summary: 'The stored tab' })
  getApplicationTab() {
    return ninaOk(this.app.currentTab);
  }

  @Get('application/plugins')
  @NinaRead()
  @ApiOperation({ summary: 'Installed N.I.N.A. plugins: none (Skygate is not N.I.N.A.)' })
  getApplicationPlugins() {
    return ninaOk([]);
  }

  @Get('application/screenshot')
  @NinaRead()
  @ApiOperation({ summary: 'A rendered status image of the equipment (there is no screen to capture)' })
  async getApplicationScreenshot(@Query() q: QueryBag, @Res() res: Response): Promise<void> {
    const shot = await this.app.screenshot();
    sendNina(res, imageReply(await encodePreview(shot.pixels, shot.width, shot.height, previewOptions(q)), bool('stream', q.stream), undefined, 'image/jpg'));
  }

  @Get('application/logs')
  @NinaRead()
  @ApiOperation({ summary: "Skygate's recent log lines in N.I.N.A.'s shape, newest first (lineCount required; level TRACE, DEBUG, INFO, WARNING or ERROR)" })
  getApplicationLogs(@Query('lineCount') lineCount: unknown, @Query('level') level: unknown) {
    return ninaOk(this.logs.lines(requiredNumber('lineCount', lineCount, { integer: true, min: 0 }), optionalEnum('level', level, NINA_LOG_LEVELS)));
  }
}
