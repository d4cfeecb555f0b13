import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { IMAGE_TYPES } from '../drivers/contract/device-interfaces';
import { CaptureService } from '../image/capture.service';
import { ImageArchive } from '../image/image-archive.service';
import { ImageViewService } from '../image/image-view.service';
import { NinaError, ninaOk } from '../nina/envelope';
import { NinaController, NinaRead } from '../nina/nina-api.decorators';
import { optionalEnum } from '../nina/query';
import { PlateSolving } from '../plate-solving/plate-solving';
import { parseIndex } from './image.controller';

/** Plate solving a saved image or the prepared image (ninaAPI Application/Image.cs). */
@NinaController('', 'N.I.N.A. plate solving')
export class PlateSolveController {
  constructor(
    private readonly solver: PlateSolving,
    private readonly images: ImageViewService,
    private readonly archive: ImageArchive,
    private readonly capture: CaptureService,
  ) {}

  @Get('image/:index/solve')
  @NinaRead()
  @ApiParam({ name: 'index', type: Number })
  @ApiOperation({ summary: 'Plate-solves a saved image with astrometry.net (PlateSolveResult; Success false when it finds no solution)' })
  async solveImage(@Param('index') index: string, @Query('imageType') imageType: unknown) {
    const record = await this.images.record(parseIndex(index), optionalEnum('imageType', imageType, IMAGE_TYPES), new NinaError('No images available', 400));
    const fits = await this.archive.load(record);
    return ninaOk(await this.solver.solve({ pixels: fits.pixels, width: fits.width, height: fits.height }));
  }

  @Get('prepared-image/solve')
  @NinaRead()
  @ApiOperation({ summary: 'Plate-solves the prepared image (404 "Image not available" without one)' })
  async solvePreparedImage() {
    const last = this.capture.lastCapture;
    if (!last) throw new NinaError('Image not available', 404);
    return ninaOk(await this.solver.solve({ pixels: last.frame.pixels, width: last.frame.width, height: last.frame.height }));
  }
}
