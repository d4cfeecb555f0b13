import { applyDecorators, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import type { ArchiveCaller } from '../http/portal';
import { FrameDto, type CreateFrameDto, type FrameQueryDto, type UpdateFrameDto } from '../dtos/data.dto';
import { toFrameDto } from '../dtos/mappers';
import type { FrameEntity } from '../entities/data.entities';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import type { DatasetsService } from '../services/datasets.service';
import { ArcsecondController } from './arcsecond-controller';

export type FrameKind = FrameEntity['kind'];

const FRAME_NOTE = 'Made from each FITS/XISF data file (IMAGETYP/FRAME/OBSTYPE bias, dark or flat → calibration, anything else → observation), or created by hand.';

/** The controller decorators of one kind of frame: Arcsecond's family at `/<kind>s`. */
export const FramesResource = (kind: FrameKind) => applyDecorators(ArcsecondController(), Controller(`${kind}s`));

/** The route decorators of a frames resource, worded for its kind; each subclass method takes one. */
export const FrameRoute = {
  list: (kind: FrameKind) =>
    applyDecorators(Get(), RequirePermission('archive', 'read'), ApiOperation({ summary: `List ${kind}s (filters: night_log, dataset, target_name)`, description: FRAME_NOTE }), ApiArcsecondList(FrameDto)),
  get: (kind: FrameKind) => applyDecorators(Get(':uuid'), RequirePermission('archive', 'read'), ApiOperation({ summary: `Get one ${kind}` }), ApiOkResponse({ type: FrameDto })),
  create: (kind: FrameKind) =>
    applyDecorators(Post(), RequirePermission('archive', 'update'), ApiOperation({ summary: `Create a ${kind} by hand`, description: FRAME_NOTE }), ApiCreatedResponse({ type: FrameDto })),
  update: (kind: FrameKind) => applyDecorators(Patch(':uuid'), RequirePermission('archive', 'update'), ApiOperation({ summary: `Change a ${kind}'s name, target, night log or dataset` }), ApiOkResponse({ type: FrameDto })),
  remove: (kind: FrameKind) => applyDecorators(Delete(':uuid'), HttpCode(204), RequirePermission('archive', 'update'), ApiOperation({ summary: `Delete a ${kind}` }), ApiNoContentResponse()),
};

/**
 * What `/observations/` and `/calibrations/` share: the same frames table, told apart by kind.
 * Subclasses hold only the routes, whose method names are the operation ids.
 */
export abstract class FramesController {
  protected constructor(
    private readonly data: DatasetsService,
    private readonly kind: FrameKind,
  ) {}

  protected async listFrames(p: ArchiveCaller, q: FrameQueryDto): Promise<ArcsecondList<FrameDto>> {
    return shapeList(await this.data.listFrames(p, this.kind, q), (items) => items.map(toFrameDto), `/${this.kind}s/`, q);
  }

  protected async getFrame(p: ArchiveCaller, uuid: string): Promise<FrameDto> {
    return toFrameDto(await this.data.getFrame(p, this.kind, uuid));
  }

  protected async createFrame(p: ArchiveCaller, dto: CreateFrameDto): Promise<FrameDto> {
    return toFrameDto(await this.data.createFrame(p, this.kind, dto));
  }

  protected async updateFrame(p: ArchiveCaller, uuid: string, dto: UpdateFrameDto): Promise<FrameDto> {
    return toFrameDto(await this.data.updateFrame(p, this.kind, uuid, dto));
  }

  protected deleteFrame(p: ArchiveCaller, uuid: string): Promise<void> {
    return this.data.deleteFrame(p, this.kind, uuid);
  }
}
