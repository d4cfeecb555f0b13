import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiInternalServerErrorResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { UseWireFamily } from '@app/core';
import { AllskyErrorDto } from '../dtos/gpio.dto';
import { AllskyActionResultDto, AllskyStatusDto } from '../dtos/allsky.dto';
import { AllskyControlService, type AllskyStatus } from './allsky-control.service';

const LEGACY = 'Kept for Allsky Server clients: a GET that changes state. Use the POST of the same path.';
const FAILS = 'Unlike the Allsky Server (always 200), a failed systemctl is a 500 {"error":"Failed to ...","type","message"}.';

/** The Allsky Server's /allsky routes; the state-changing GETs are kept (deprecated) beside POSTs. */
@ApiTags('Allsky service (Allsky Server)')
@ApiInternalServerErrorResponse({ type: AllskyErrorDto, description: 'The service manager failed' })
@UseWireFamily('allsky')
@Controller('allsky')
export class AllskyController {
  constructor(private readonly allsky: AllskyControlService) {}

  @Get('status')
  @RequirePermission('allsky', 'read')
  @ApiOperation({ summary: 'The capture status (status.json), the service state and the status alert HTML' })
  @ApiOkResponse({ type: AllskyStatusDto })
  getAllskyStatus(): Promise<AllskyStatus> {
    return this.allsky.status();
  }

  @Get('start')
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Start the capture service (deprecated GET)', description: `${LEGACY} ${FAILS}`, deprecated: true })
  @ApiOkResponse({ type: AllskyActionResultDto })
  startAllskyLegacy(): Promise<AllskyActionResultDto> {
    return this.allsky.start();
  }

  @Post('start')
  @HttpCode(200)
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Start the capture service', description: FAILS })
  @ApiOkResponse({ type: AllskyActionResultDto })
  startAllsky(): Promise<AllskyActionResultDto> {
    return this.allsky.start();
  }

  @Get('restart')
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Restart the capture service (deprecated GET); answers "Allsky started" like the Allsky Server', description: `${LEGACY} ${FAILS}`, deprecated: true })
  @ApiOkResponse({ type: AllskyActionResultDto })
  restartAllskyLegacy(): Promise<AllskyActionResultDto> {
    return this.allsky.restart();
  }

  @Post('restart')
  @HttpCode(200)
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Restart the capture service', description: FAILS })
  @ApiOkResponse({ type: AllskyActionResultDto })
  restartAllsky(): Promise<AllskyActionResultDto> {
    return this.allsky.restart();
  }

  @Get('stopallsky')
  @RequirePermission('allsky', 'update')
  @ApiOperation({
    summary: 'Stop the capture service (deprecated GET)',
    description: `${LEGACY} The Allsky Server then starts itself again (it is PartOf allsky.service); Skygate is not, so it only stops the unit. ${FAILS}`,
    deprecated: true,
  })
  @ApiOkResponse({ type: AllskyActionResultDto })
  stopAllskyLegacy(): Promise<AllskyActionResultDto> {
    return this.allsky.stop();
  }

  @Post('stopallsky')
  @HttpCode(200)
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Stop the capture service', description: FAILS })
  @ApiOkResponse({ type: AllskyActionResultDto })
  stopAllsky(): Promise<AllskyActionResultDto> {
    return this.allsky.stop();
  }

  @Get('stopall')
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Stop the capture service fully (deprecated GET; the focuser page\'s Stop button)', description: `${LEGACY} ${FAILS}`, deprecated: true })
  @ApiOkResponse({ type: AllskyActionResultDto })
  stopAllskyAllLegacy(): Promise<AllskyActionResultDto> {
    return this.allsky.stop();
  }

  @Post('stopall')
  @HttpCode(200)
  @RequirePermission('allsky', 'update')
  @ApiOperation({ summary: 'Stop the capture service fully', description: FAILS })
  @ApiOkResponse({ type: AllskyActionResultDto })
  stopAllskyAll(): Promise<AllskyActionResultDto> {
    return this.allsky.stop();
  }
}
