import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { CreateDataPackageDto, DataPackageDto, NamedQueryDto, UpdateDataPackageDto } from '../dtos/data.dto';
import { toPackageDto } from '../dtos/mappers';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { DatasetsService } from '../services/datasets.service';
import { ArcsecondController } from './arcsecond-controller';

@ArcsecondController()
@Controller('datapackages')
export class DataPackagesController {
  constructor(private readonly data: DatasetsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List data packages' })
  @ApiArcsecondList(DataPackageDto)
  async listDataPackages(@Query() q: NamedQueryDto): Promise<ArcsecondList<DataPackageDto>> {
    return shapeList(await this.data.listPackages(q), (items) => items.map(toPackageDto), '/datapackages/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'Get one data package' })
  @ApiOkResponse({ type: DataPackageDto })
  async getDataPackage(@Param('uuid', ArcsecondUuid) uuid: string): Promise<DataPackageDto> {
    return toPackageDto(await this.data.getPackage(uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a data package' })
  @ApiCreatedResponse({ type: DataPackageDto })
  async createDataPackage(@Body() dto: CreateDataPackageDto): Promise<DataPackageDto> {
    return toPackageDto(await this.data.createPackage(dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update a data package' })
  @ApiOkResponse({ type: DataPackageDto })
  async updateDataPackage(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateDataPackageDto): Promise<DataPackageDto> {
    return toPackageDto(await this.data.updatePackage(uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a data package' })
  @ApiNoContentResponse()
  async deleteDataPackage(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.data.deletePackage(uuid);
  }
}
