import { Body, Param, Query } from '@nestjs/common';
import { CreateFrameDto, FrameQueryDto, UpdateFrameDto, type FrameDto } from '../dtos/data.dto';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import type { ArcsecondList } from '../http/list-shape';
import { DatasetsService } from '../services/datasets.service';
import { FrameRoute, FramesController, FramesResource } from './frames-controller';

/** `/observations/`: the science frames of the archive. */
@FramesResource('observation')
export class ObservationsController extends FramesController {
  constructor(data: DatasetsService) {
    super(data, 'observation');
  }

  @FrameRoute.list('observation')
  listObservations(@Query() q: FrameQueryDto): Promise<ArcsecondList<FrameDto>> {
    return this.listFrames(q);
  }

  @FrameRoute.get('observation')
  getObservation(@Param('uuid', ArcsecondUuid) uuid: string): Promise<FrameDto> {
    return this.getFrame(uuid);
  }

  @FrameRoute.create('observation')
  createObservation(@Body() dto: CreateFrameDto): Promise<FrameDto> {
    return this.createFrame(dto);
  }

  @FrameRoute.update('observation')
  updateObservation(@Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateFrameDto): Promise<FrameDto> {
    return this.updateFrame(uuid, dto);
  }

  @FrameRoute.remove('observation')
  deleteObservation(@Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    return this.deleteFrame(uuid);
  }
}
