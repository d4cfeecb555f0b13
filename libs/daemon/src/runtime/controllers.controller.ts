import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { ControllerModulationDto, ControllerStatusDto } from '../dtos/daemon.dto';
import { MycodoController, MycodoMessageDto } from '../http/mycodo-http';
import { DaemonRuntime } from './daemon-runtime.service';

@MycodoController('controllers', 'daemon: controllers')
export class ControllersController {
  constructor(private readonly runtime: DaemonRuntime) {}

  @Get(':unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Whether a controller (input, PID or function) is active', description: 'False also for unknown ids, as in Mycodo. Needs daemon:read (Mycodo: edit_controllers).' })
  @ApiOkResponse({ type: ControllerStatusDto })
  getControllerStatus(@Param('unique_id') id: string): ControllerStatusDto {
    return { is_active: this.runtime.isActive(id) };
  }

  @Post(':unique_id')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Activate or deactivate a controller', description: 'Difference from Mycodo: a refusal (already active, not active, unknown id) is 409 {"message": "Fail: ..."} (Mycodo: 460); "activate" must be a JSON boolean.' })
  @ApiOkResponse({ type: MycodoMessageDto })
  @ApiConflictResponse({ type: MycodoMessageDto, description: 'Already active, not active, or no such controller' })
  async setControllerStatus(@Param('unique_id') id: string, @Body() body: ControllerModulationDto): Promise<MycodoMessageDto> {
    return { message: `Success: ${body.activate ? await this.runtime.activate(id) : await this.runtime.deactivate(id)}` };
  }
}
