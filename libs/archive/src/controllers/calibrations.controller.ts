import { Body, Param, Query } from '@nestjs/common';
import { CreateFrameDto, FrameQueryDto, UpdateFrameDto, type FrameDto } from '../dtos/data.dto';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import type { ArcsecondList } from '../http/list-shape';
import { DatasetsService } from '../services/datasets.service';
import { FrameRoute, FramesController, FramesResource } from './frames-controller';

/** `/calibrations/`: the bias, dark and flat frames of the archive. */
@FramesResource('calibration')
export class CalibrationsController extends FramesController {
  constructor(data: DatasetsService) {
    super(data, 'calibration');
  }

  @FrameRoute.list('calibration')
  listCalibrations(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: FrameQueryDto): Promise<ArcsecondList<FrameDto>> {
    return this.listFrames(p, q);
  }

  @FrameRoute.get('calibration')
  getCalibration(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<FrameDto> {
    return this.getFrame(p, uuid);
  }

  @FrameRoute.create('calibration')
  createCalibration(@CurrentArchiveCaller() p: ArchiveCaller, @Body() dto: CreateFrameDto): Promise<FrameDto> {
    return this.createFrame(p, dto);
  }

  @FrameRoute.update('calibration')
  updateCalibration(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateFrameDto): Promise<FrameDto> {
    return this.updateFrame(p, uuid, dto);
  }

  @FrameRoute.remove('calibration')
  deleteCalibration(@CurrentArchiveCaller() p: ArchiveCaller, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    return this.deleteFrame(p, uuid);
  }
}
