import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { OutputCreateDto, OutputDetailDto, OutputListDto, OutputModulationDto, OutputUpdateDto } from '../dtos/outputs.dto';
import { ApiMycodoNotFound, MycodoController, MycodoMessageDto } from '../http/mycodo-http';
import { OutputsService } from './outputs.service';

const REFUSED =
  'The daemon refused: already on, min_off not elapsed, channel missing, capability missing or a pin claimed by another owner. Difference from Mycodo: 409 {"message": "Fail: ..."} instead of 460.';

@MycodoController('outputs', 'daemon: outputs')
export class OutputsController {
  constructor(private readonly outputs: OutputsService) {}

  @Get()
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show all outputs, their channels and states' })
  @ApiOkResponse({ type: OutputListDto })
  getOutputs(): Promise<OutputListDto> {
    return this.outputs.list();
  }

  @Get(':unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show the settings and status of an output', description: 'Difference from Mycodo: needs daemon:read (Mycodo: edit_controllers); an unknown id is 404 (Mycodo: 500).' })
  @ApiOkResponse({ type: OutputDetailDto })
  @ApiMycodoNotFound('output')
  getOutput(@Param('unique_id') id: string): Promise<OutputDetailDto> {
    return this.outputs.detail(id);
  }

  @Post(':unique_id')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({
    summary: 'Change the state of an output',
    description:
      'Mycodo dispatch order: state+duration (timed on; a new duration replaces the remaining time), duty_cycle, volume, state, then Skygate\'s value. Differences from Mycodo: "false" strings are refused (422), an empty payload is 422 (Mycodo: 460), a refusal is 409 (Mycodo: 460).',
  })
  @ApiBody({ type: OutputModulationDto })
  @ApiOkResponse({ type: MycodoMessageDto })
  @ApiConflictResponse({ type: MycodoMessageDto, description: REFUSED })
  @ApiServiceUnavailableResponse({ type: MycodoMessageDto, description: 'The daemon was terminated' })
  @ApiBadGatewayResponse({ type: MycodoMessageDto, description: 'The back-end failed (hardware error, a command exited non-zero): "Fail: <its message>"' })
  @ApiMycodoNotFound('output')
  modulateOutput(@Param('unique_id') id: string, @Body() body: OutputModulationDto): Promise<MycodoMessageDto> {
    return this.outputs.modulate(id, body);
  }

  @Post()
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: create an output', description: 'The back-end is set up at once: a GPIO pin held by another owner is 409.' })
  @ApiCreatedResponse({ type: OutputDetailDto })
  @ApiConflictResponse({ type: MycodoMessageDto, description: REFUSED })
  createOutput(@Body() body: OutputCreateDto): Promise<OutputDetailDto> {
    return this.outputs.create(body);
  }

  @Patch(':unique_id')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: change an output (its channels are switched off and set up again)' })
  @ApiOkResponse({ type: OutputDetailDto })
  @ApiMycodoNotFound('output')
  updateOutput(@Param('unique_id') id: string, @Body() body: OutputUpdateDto): Promise<OutputDetailDto> {
    return this.outputs.update(id, body);
  }

  @Delete(':unique_id')
  @HttpCode(204)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: switch an output off and delete it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiMycodoNotFound('output')
  async deleteOutput(@Param('unique_id') id: string): Promise<void> {
    await this.outputs.delete(id);
  }
}
