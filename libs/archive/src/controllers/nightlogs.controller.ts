import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { CreateNightLogDto, NightLogDto, NightLogQueryDto, UpdateNightLogDto } from '../dtos/data.dto';
import { toNightLogDto } from '../dtos/mappers';
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
  async listNightLogs(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: NightLogQueryDto): Promise<ArcsecondList<NightLogDto>> {
    return shapeList(await this.data.listNightLogs(p, q), (items) => items.map(toNightLogDto), '/nightlogs/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'Get one night log' })
  @ApiOkResponse({ type: NightLogDto })
  async getNightLog(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<NightLogDto> {
    return toNightLogDto(await this.data.getNightLog(p, uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a night log', description: NIGHT_RULE })
  @ApiCreatedResponse({ type: NightLogDto })
  async createNightLog(@CurrentArchiveCaller() p: ArchiveCaller, @Body() dto: CreateNightLogDto): Promise<NightLogDto> {
    return toNightLogDto(await this.data.createNightLog(p, dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Change a night log' })
  @ApiOkResponse({ type: NightLogDto })
  async updateNightLog(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateNightLogDto): Promise<NightLogDto> {
    return toNightLogDto(await this.data.updateNightLog(p, uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a night log (its observations and calibrations stay, unlinked)' })
  @ApiNoContentResponse()
  async deleteNightLog(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.data.deleteNightLog(p, uuid);
  }
}
