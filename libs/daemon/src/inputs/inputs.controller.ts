import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { InputCreateDto, InputDetailDto, InputListDto, InputUpdateDto } from '../dtos/inputs.dto';
import { ApiMycodoNotFound, MycodoController, MycodoMessageDto } from '../http/mycodo-http';
import { DaemonRuntime } from '../runtime/daemon-runtime.service';
import { InputsService } from './inputs.service';

@MycodoController('inputs', 'daemon: inputs')
export class InputsController {
  constructor(
    private readonly inputs: InputsService,
    private readonly runtime: DaemonRuntime,
  ) {}

  @Get()
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show all inputs and their channels' })
  @ApiOkResponse({ type: InputListDto })
  getInputs(): Promise<InputListDto> {
    return this.inputs.list();
  }

  @Get(':unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show the settings, channels and device measurements of an input' })
  @ApiOkResponse({ type: InputDetailDto })
  @ApiMycodoNotFound('input')
  getInput(@Param('unique_id') id: string): Promise<InputDetailDto> {
    return this.inputs.detail(id);
  }

  @Post(':unique_id/force-measurement')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Measure an active input now', description: 'Difference from Mycodo: an input that is not active is 409 (Mycodo: 460).' })
  @ApiOkResponse({ type: MycodoMessageDto })
  @ApiConflictResponse({ type: MycodoMessageDto, description: 'The input is not active' })
  @ApiBadGatewayResponse({ type: MycodoMessageDto, description: 'The sensor or command failed: "Fail: <its message>"' })
  @ApiMycodoNotFound('input')
  async forceInputMeasurement(@Param('unique_id') id: string): Promise<MycodoMessageDto> {
    await this.inputs.get(id);
    return { message: `Success: ${await this.runtime.forceMeasurement(id)}` };
  }

  @Post()
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: create an input (is_activated true starts it)' })
  @ApiCreatedResponse({ type: InputDetailDto })
  async createInput(@Body() body: InputCreateDto): Promise<InputDetailDto> {
    const input = await this.inputs.create(body);
    if (body.is_activated) await this.runtime.activate(input.unique_id);
    return this.inputs.detail(input.unique_id);
  }

  @Patch(':unique_id')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: change an input (an active input restarts with the new settings)' })
  @ApiOkResponse({ type: InputDetailDto })
  @ApiMycodoNotFound('input')
  async updateInput(@Param('unique_id') id: string, @Body() body: InputUpdateDto): Promise<InputDetailDto> {
    await this.inputs.update(id, body);
    if (this.runtime.isActive(id)) {
      await this.runtime.deactivate(id);
      await this.runtime.activate(id);
    }
    return this.inputs.detail(id);
  }

  @Delete(':unique_id')
  @HttpCode(204)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: stop and delete an input (its measurements stay)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiMycodoNotFound('input')
  async deleteInput(@Param('unique_id') id: string): Promise<void> {
    await this.inputs.get(id);
    if (this.runtime.isActive(id)) await this.runtime.deactivate(id);
    await this.inputs.delete(id);
  }
}
