import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPayloadTooLargeResponse, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '@app/auth';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { assertContentLengthWithin, AppConfig, ErrorDto, sendStoredFile } from '@app/core';
import { DataFileDto, DataFileQueryDto, UpdateDataFileDto, UploadDataFileDto } from '../dtos/data.dto';
import { toDataFileDto } from '../dtos/mappers';
import type { DataFileEntity } from '../entities/data.entities';
import { ArcsecondIntId } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { DataFilesService } from '../services/data-files.service';
import { ArcsecondController } from './arcsecond-controller';

const UPLOAD_NOTE =
  'Multipart: `file`, `dataset` (UUID), `is_raw` ("True"/"False"), `tags` (comma-joined). Streamed to disk, never held in memory. ' +
  'FITS and XISF are recognised by content, also inside .zip/.gz/.gzip/.bz2/.bzip2 wrappers, and their headers make an observation or calibration. ' +
  'A second file of the same name in a dataset is refused with 400 `{"detail": "... already exists in dataset ..."}` (the clients match that text). ' +
  'A header that cannot be read does not refuse the file (see header_status); an archive inflating past ARCHIVE_MAX_DECOMPRESSED_BYTES does (413).';

@ArcsecondController()
@Controller('datafiles')
export class DataFilesController {
  constructor(
    private readonly files: DataFilesService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List data files (filter: dataset)' })
  @ApiArcsecondList(DataFileDto)
  async listDataFiles(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: DataFileQueryDto): Promise<ArcsecondList<DataFileDto>> {
    return shapeList(await this.files.list(p, q), (items) => this.present(items), '/datafiles/', q);
  }

  @Get(':id')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'Get one data file with its parsed headers and frame' })
  @ApiParam({ name: 'id', type: Number, description: 'Data files use integer ids (everything else uses UUIDs)' })
  @ApiOkResponse({ type: DataFileDto })
  async getDataFile(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number): Promise<DataFileDto> {
    return (await this.present([await this.files.get(p, id)]))[0];
  }

  @Get(':id/download')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'The stored bytes of a data file, as uploaded (HTTP Range supported)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async downloadDataFile(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number, @Res() res: Response): Promise<void> {
    const file = await this.files.get(p, id);
    await sendStoredFile(res, this.files.absolutePath(file), { fileName: file.fileName, contentType: 'application/octet-stream' });
  }

  @Post()
  @RequirePermission('archive', 'update', { upload: true })
  @ApiOperation({ summary: 'Upload a data file (an upload key may)', description: UPLOAD_NOTE })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDataFileDto })
  @ApiCreatedResponse({ type: DataFileDto })
  @ApiPayloadTooLargeResponse({ type: ErrorDto })
  async uploadDataFile(@CurrentArchiveCaller() p: ArchiveCaller, @Req() req: Request): Promise<DataFileDto> {
    assertContentLengthWithin(req, this.config.uploadMaxBytes + 1024 * 1024);
    return (await this.present([await this.files.upload(p, req)]))[0];
  }

  @Patch(':id')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Change the dataset or tags of a data file' })
  @ApiOkResponse({ type: DataFileDto })
  async updateDataFile(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number, @Body() dto: UpdateDataFileDto): Promise<DataFileDto> {
    return (await this.present([await this.files.update(p, id, dto)]))[0];
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a data file with its stored bytes' })
  @ApiNoContentResponse()
  async deleteDataFile(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number): Promise<void> {
    await this.files.remove(p, id);
  }

  private async present(items: DataFileEntity[]): Promise<DataFileDto[]> {
    const frames = await this.files.framesOf(items.map((f) => f.id));
    return items.map((f) => toDataFileDto(f, frames.get(f.id)));
  }
}
