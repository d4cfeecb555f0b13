import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { CreateFrameDto, CreateNightLogDto, FrameDto, FrameQueryDto, NightLogDto, NightLogQueryDto, UpdateFrameDto, UpdateNightLogDto } from '../dtos/data.dto';
import { toFrameDto, toNightLogDto } from '../dtos/mappers';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { DatasetsService } from '../services/datasets.service';
import { ArcsecondController } from './arcsecond-controller';

const NIGHT_RULE =
  "A night runs from local noon to the next local noon at the telescope's observing site: civil time of the site's IANA time_zone when set, " +
  'otherwise mean solar time (UTC + longitude/15 h); no site means UTC. Its date is the local date of the evening. One night log per night and telescope.';

@ArcsecondController()
@Controller('nightlogs')
export class NightLogsController {
  constructor(private readonly data: DatasetsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List night logs (filters: date, telescope)', description: NIGHT_RULE })
  @ApiArcsecondList(NightLogDto)
  async listNightLogs(@Query() q: NightLogQueryDto): Promise<ArcsecondList<NightLogDto>> {
    return shapeList(await this.data.listNightLogs(q), (items) => items.map(toNightLogDto), '/nightlogs/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOkResponse({ type: NightLogDto })
  async getNightLog(@Param('uuid', ArcsecondUuid) uuid: string): Promise<NightLogDto> {
    return toNightLogDto(await this.data.nightLogs.get(uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a night log', description: NIGHT_RULE })
  @ApiCreatedResponse({ type: NightLogDto })
  async createNightLog(@Body() dto: CreateNightLogDto): Promise<NightLogDto> {
    return toNightLogDto(await this.data.createNightLog(dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOkResponse({ type: NightLogDto })
  async updateNightLog(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateNightLogDto): Promise<NightLogDto> {
    return toNightLogDto(await this.data.updateNightLog(uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiNoContentResponse()
  async deleteNightLog(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.data.nightLogs.remove(uuid);
  }
}

const FRAME_NOTE = 'Made from each FITS/XISF data file (IMAGETYP/FRAME/OBSTYPE bias, dark or flat → calibration, anything else → observation), or created by hand.';

@ArcsecondController()
@Controller('observations')
export class ObservationsController {
  constructor(private readonly data: DatasetsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List observations (filters: night_log, dataset, target_name)', description: FRAME_NOTE })
  @ApiArcsecondList(FrameDto)
  async listObservations(@Query() q: FrameQueryDto): Promise<ArcsecondList<FrameDto>> {
    return shapeList(await this.data.listFrames('observation', q), (items) => items.map(toFrameDto), '/observations/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOkResponse({ type: FrameDto })
  async getObservation(@Param('uuid', ArcsecondUuid) uuid: string): Promise<FrameDto> {
    return toFrameDto(await this.data.getFrame('observation', uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiCreatedResponse({ type: FrameDto })
  async createObservation(@Body() dto: CreateFrameDto): Promise<FrameDto> {
    return toFrameDto(await this.data.createFrame('observation', dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOkResponse({ type: FrameDto })
  async updateObservation(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateFrameDto): Promise<FrameDto> {
    return toFrameDto(await this.data.updateFrame('observation', uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiNoContentResponse()
  async deleteObservation(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.data.deleteFrame('observation', uuid);
  }
}

@ArcsecondController()
@Controller('calibrations')
export class CalibrationsController {
  constructor(private readonly data: DatasetsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List calibrations (filters: night_log, dataset, target_name)', description: FRAME_NOTE })
  @ApiArcsecondList(FrameDto)
  async listCalibrations(@Query() q: FrameQueryDto): Promise<ArcsecondList<FrameDto>> {
    return shapeList(await this.data.listFrames('calibration', q), (items) => items.map(toFrameDto), '/calibrations/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOkResponse({ type: FrameDto })
  async getCalibration(@Param('uuid', ArcsecondUuid) uuid: string): Promise<FrameDto> {
    return toFrameDto(await this.data.getFrame('calibration', uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiCreatedResponse({ type: FrameDto })
  async createCalibration(@Body() dto: CreateFrameDto): Promise<FrameDto> {
    return toFrameDto(await this.data.createFrame('calibration', dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOkResponse({ type: FrameDto })
  async updateCalibration(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateFrameDto): Promise<FrameDto> {
    return toFrameDto(await this.data.updateFrame('calibration', uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiNoContentResponse()
  async deleteCalibration(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.data.deleteFrame('calibration', uuid);
  }
}
