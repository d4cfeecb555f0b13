import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { CreateDataPackageDto, CreateDatasetDto, DataPackageDto, DatasetDto, DatasetQueryDto, PageQueryDto, UpdateDataPackageDto, UpdateDatasetDto } from '../dtos/data.dto';
import { toDatasetDto, toPackageDto } from '../dtos/mappers';
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
  async listDatasets(@Query() q: DatasetQueryDto): Promise<ArcsecondList<DatasetDto>> {
    return shapeList(await this.data.listDatasets(q), (items) => this.present(items), '/datasets/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOkResponse({ type: DatasetDto })
  async getDataset(@Param('uuid', ArcsecondUuid) uuid: string): Promise<DatasetDto> {
    return (await this.present([await this.data.datasets.get(uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update', { upload: true })
  @ApiOperation({ summary: 'Create a dataset (an upload key may)' })
  @ApiCreatedResponse({ type: DatasetDto })
  async createDataset(@Body() dto: CreateDatasetDto): Promise<DatasetDto> {
    return (await this.present([await this.data.createDataset(dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOkResponse({ type: DatasetDto })
  async updateDataset(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateDatasetDto): Promise<DatasetDto> {
    return (await this.present([await this.data.updateDataset(uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a dataset with its data files, observations and calibrations' })
  @ApiNoContentResponse()
  async deleteDataset(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.files.removeDataset(uuid);
  }

  private async present(items: DatasetEntity[]): Promise<DatasetDto[]> {
    const counts = await this.data.fileCounts(items.map((d) => d.uuid));
    return items.map((d) => toDatasetDto(d, counts.get(d.uuid) ?? 0));
  }
}

@ArcsecondController()
@Controller('datapackages')
export class DataPackagesController {
  constructor(private readonly data: DatasetsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiArcsecondList(DataPackageDto)
  async listDataPackages(@Query() q: PageQueryDto): Promise<ArcsecondList<DataPackageDto>> {
    return shapeList(await this.data.packages.list({}, q.page), (items) => items.map(toPackageDto), '/datapackages/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOkResponse({ type: DataPackageDto })
  async getDataPackage(@Param('uuid', ArcsecondUuid) uuid: string): Promise<DataPackageDto> {
    return toPackageDto(await this.data.packages.get(uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiCreatedResponse({ type: DataPackageDto })
  async createDataPackage(@Body() dto: CreateDataPackageDto): Promise<DataPackageDto> {
    return toPackageDto(await this.data.createPackage(dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOkResponse({ type: DataPackageDto })
  async updateDataPackage(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateDataPackageDto): Promise<DataPackageDto> {
    return toPackageDto(await this.data.updatePackage(uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiNoContentResponse()
  async deleteDataPackage(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.data.packages.remove(uuid);
  }
}
