import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '@app/auth';
import { NamedQueryDto, PageQueryDto } from '../dtos/data.dto';
import { toCameraDto, toImageDto } from '../dtos/mappers';
import { UploadAllskyImageDto } from '../dtos/data.dto';
import { AllskyCameraDto, AllskyImageDto, CreateAllskyCameraDto, UpdateAllskyCameraDto } from '../dtos/site.dto';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { AllskyImagesService } from '../services/allsky-images.service';
import { SitesService } from '../services/sites.service';
import { ArcsecondController } from './arcsecond-controller';

@ArcsecondController()
@Controller('allskycameras')
export class AllskyCamerasController {
  constructor(
    private readonly sites: SitesService,
    private readonly images: AllskyImagesService,
  ) {}

  @Get()
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'List all-sky cameras (an upload key may)' })
  @ApiArcsecondList(AllskyCameraDto)
  async listAllskyCameras(@Query() q: NamedQueryDto): Promise<ArcsecondList<AllskyCameraDto>> {
    return shapeList(await this.sites.listCameras(q), (items) => items.map(toCameraDto), '/allskycameras/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get one all-sky camera (an upload key may)' })
  @ApiOkResponse({ type: AllskyCameraDto })
  async getAllskyCamera(@Param('uuid', ArcsecondUuid) uuid: string): Promise<AllskyCameraDto> {
    return toCameraDto(await this.sites.getCamera(uuid));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create an all-sky camera' })
  @ApiCreatedResponse({ type: AllskyCameraDto })
  async createAllskyCamera(@Body() dto: CreateAllskyCameraDto): Promise<AllskyCameraDto> {
    return toCameraDto(await this.sites.createCamera(dto));
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update an all-sky camera' })
  @ApiOkResponse({ type: AllskyCameraDto })
  async updateAllskyCamera(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateAllskyCameraDto): Promise<AllskyCameraDto> {
    return toCameraDto(await this.sites.updateCamera(uuid, dto));
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete an all-sky camera' })
  @ApiNoContentResponse()
  async deleteAllskyCamera(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.images.removeCamera(uuid);
  }

  @Get(':uuid/images')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List the images of an all-sky camera' })
  @ApiArcsecondList(AllskyImageDto)
  async listAllskyImages(@Param('uuid', ArcsecondUuid) uuid: string, @Query() q: PageQueryDto): Promise<ArcsecondList<AllskyImageDto>> {
    return shapeList(await this.images.list(uuid, q), (items) => items.map(toImageDto), `/allskycameras/${uuid}/images/`, q);
  }

  @Post(':uuid/images')
  @RequirePermission('archive', 'update', { upload: true })
  @ApiOperation({ summary: 'Upload an all-sky image (an upload key may)', description: 'Multipart `file`, `camera`, `utc_timestamp` (required).' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAllskyImageDto })
  @ApiCreatedResponse({ type: AllskyImageDto })
  async uploadAllskyImage(@Param('uuid', ArcsecondUuid) uuid: string, @Req() req: Request): Promise<AllskyImageDto> {
    return toImageDto(await this.images.upload(uuid, req));
  }
}
