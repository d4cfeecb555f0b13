import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { NamedQueryDto } from '../dtos/data.dto';
import { CreateTargetListDto, TargetListDto, UpdateTargetListDto } from '../dtos/target.dto';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { TargetListsService } from '../services/target-lists.service';
import { ArcsecondController } from './arcsecond-controller';

const TARGETS_NOTE =
  '`targets` replaces the whole list (the client library\'s set/add/remove helpers read the list, change it and PATCH it back): each entry is a target object, ' +
  'an existing target by `id` or `pk` (one the caller sees, else 400 `{"targets": [...]}`), or a new target payload created in the list\'s space. Bare ids are refused.';

@ArcsecondController()
@Controller('targetlists')
export class TargetListsController {
  constructor(private readonly lists: TargetListsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List target lists (filter: name)' })
  @ApiArcsecondList(TargetListDto)
  async listTargetLists(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: NamedQueryDto): Promise<ArcsecondList<TargetListDto>> {
    return shapeList(await this.lists.list(p, q), (items) => this.lists.present(items), '/targetlists/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'Get one target list with its targets in order' })
  @ApiOkResponse({ type: TargetListDto })
  async getTargetList(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<TargetListDto> {
    return (await this.lists.present([await this.lists.get(p, uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a target list', description: TARGETS_NOTE })
  @ApiCreatedResponse({ type: TargetListDto })
  async createTargetList(@CurrentArchiveCaller() p: ArchiveCaller, @Body() dto: CreateTargetListDto): Promise<TargetListDto> {
    return (await this.lists.present([await this.lists.create(p, dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update a target list', description: TARGETS_NOTE })
  @ApiOkResponse({ type: TargetListDto })
  async updateTargetList(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateTargetListDto): Promise<TargetListDto> {
    return (await this.lists.present([await this.lists.update(p, uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a target list (its targets stay)' })
  @ApiNoContentResponse()
  async deleteTargetList(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.lists.remove(p, uuid);
  }
}
