import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ImageViewService } from '../image/image-view.service';
import { LivestackService } from '../livestack/livestack.service';
import { NinaError, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaRead } from '../nina/nina-api.decorators';
import { bool } from '../nina/query';
import { imageReply, previewOptions, sendNina, type QueryBag } from './image-reply';

const TARGET = { name: 'target', type: String, description: 'The target name of the stacked frames ("No target" without one)' };
const FILTER = { name: 'filter', type: String, description: 'The filter name of the stacked frames ("No filter" without a filter wheel)' };
const noStack = () => new NinaError('No image with specified filter and target found', 404);

@NinaController('livestack', 'N.I.N.A. live stacking')
export class LivestackController {
  constructor(
    private readonly livestack: LivestackService,
    private readonly view: ImageViewService,
  ) {}

  @Get('start')
  @NinaAct()
  @ApiOperation({ summary: 'Starts stacking every saved LIGHT frame per target and filter (STACK-STATUS)' })
  startLivestack() {
    this.livestack.start();
    return ninaOk('Live stack started');
  }

  @Get('stop')
  @NinaAct()
  @ApiOperation({ summary: 'Stops stacking; the stacks stay available' })
  stopLivestack() {
    this.livestack.stop();
    return ninaOk('Live stack stopped');
  }

  @Get('status')
  @NinaRead()
  @ApiOperation({ summary: '"Running" or "Stopped" (as the Livestack plugin reports it)' })
  getLivestackStatus() {
    return ninaOk(this.livestack.status);
  }

  @Get('image/available')
  @NinaRead()
  @ApiOperation({ summary: 'The stacks there are, as [{Filter, Target}]' })
  getLivestackAvailable() {
    return ninaOk(this.livestack.available());
  }

  @Get('image/:target/:filter/info')
  @NinaRead()
  @ApiParam(TARGET)
  @ApiParam(FILTER)
  @ApiOperation({ summary: 'A stack: {IsMonochrome, StackCount, Filter, Target}' })
  getLivestackInfo(@Param('target') target: string, @Param('filter') filter: string) {
    const info = this.livestack.info(target, filter);
    if (!info) throw noStack();
    return ninaOk(info);
  }

  @Get('image/:target/:filter')
  @NinaRead()
  @ApiParam(TARGET)
  @ApiParam(FILTER)
  @ApiOperation({ summary: 'The stacked image, stretched: base64 in the envelope, or bytes with stream=true (image/png, or image/jpg with quality)' })
  async getLivestackImage(@Param('target') target: string, @Param('filter') filter: string, @Query() q: QueryBag, @Res() res: Response): Promise<void> {
    const options = previewOptions(q);
    const stream = bool('stream', q.stream);
    const stack = this.livestack.image(target, filter);
    if (!stack) throw noStack();
    const image = await this.view.render(stack.pixels, stack.width, stack.height, options);
    // ninaAPI's livestack route names JPEG "image/jpg".
    sendNina(res, imageReply(image.contentType === 'image/jpeg' ? { ...image, contentType: 'image/jpg' } : image, stream));
  }
}
