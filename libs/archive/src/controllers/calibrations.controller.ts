import { Body, Param, Query } from '@nestjs/common';
import { CreateFrameDto, FrameQueryDto, UpdateFrameDto, type FrameDto } from '../dtos/data.dto';
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
  listCalibrations(@Query() q: FrameQueryDto): Promise<ArcsecondList<FrameDto>> {
    return this.listFrames(q);
  }

  @FrameRoute.get('calibration')
  getCalibration(@Param('uuid', ArcsecondUuid) uuid: string): Promise<FrameDto> {
    return this.getFrame(uuid);
  }

  @FrameRoute.create('calibration')
  createCalibration(@Body() dto: CreateFrameDto): Promise<FrameDto> {
    return this.createFrame(dto);
  }

  @FrameRoute.update('calibration')
  updateCalibration(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateFrameDto): Promise<FrameDto> {
    return this.updateFrame(uuid, dto);
  }

  @FrameRoute.remove('calibration')
  deleteCalibration(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    return this.deleteFrame(uuid);
  }
}
