import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { CreateDatasetDto, DatasetDto, DatasetQueryDto, UpdateDatasetDto } from '../dtos/data.dto';
import { toDatasetDto } from '../dtos/mappers';
import type { DatasetEntity } from '../entities/data.entities';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { DataFilesService } from '../services/data-files.service';
import { DatasetsService } from '../services/datasets.service';
import { ArcsecondController } from './arcsecond-controller';

@ArcsecondController()
@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly data: DatasetsService,
    private readonly files: DataFilesService,
  ) {}

  @Get()
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'List datasets (filters: name, tags, telescope)', description: 'The upload CLI looks a dataset up by `?name=` and counts the bare array it gets back.' })
  @ApiArcsecondList(DatasetDto)
  async listDatasets(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: DatasetQueryDto): Promise<ArcsecondList<DatasetDto>> {
    return shapeList(await this.data.listDatasets(p, q), (items) => this.present(items), '/datasets/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get one dataset with its data file count (an upload key may)' })
  @ApiOkResponse({ type: DatasetDto })
  async getDataset(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<DatasetDto> {
    return (await this.present([await this.data.getDataset(p, uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update', { upload: true })
  @ApiOperation({ summary: 'Create a dataset (an upload key may)' })
  @ApiCreatedResponse({ type: DatasetDto })
  async createDataset(@CurrentArchiveCaller() p: ArchiveCaller, @Body() dto: CreateDatasetDto): Promise<DatasetDto> {
    return (await this.present([await this.data.createDataset(p, dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update a dataset' })
  @ApiOkResponse({ type: DatasetDto })
  async updateDataset(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateDatasetDto): Promise<DatasetDto> {
    return (await this.present([await this.data.updateDataset(p, uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a dataset with its data files, observations and calibrations' })
  @ApiNoContentResponse()
  async deleteDataset(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.files.removeDataset(p, uuid);
  }

  private async present(items: DatasetEntity[]): Promise<DatasetDto[]> {
    const counts = await this.data.fileCounts(items.map((d) => d.uuid));
    return items.map((d) => toDatasetDto(d, counts.get(d.uuid) ?? 0));
  }
}
