import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { PidCreateDto, PidDetailDto, PidListDto, PidSetDto, PidStateDto, PidUpdateDto } from '../dtos/pids.dto';
import { ApiMycodoNotFound, MycodoController } from '../http/mycodo-http';
import { DaemonRuntime } from '../runtime/daemon-runtime.service';
import { PidsService } from './pids.service';

@MycodoController('pids', 'daemon: pids')
export class PidsController {
  constructor(
    private readonly pids: PidsService,
    private readonly runtime: DaemonRuntime,
  ) {}

  @Get()
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show all PIDs' })
  @ApiOkResponse({ type: PidListDto })
  getPids(): Promise<PidListDto> {
    return this.pids.list();
  }

  @Get(':unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show the settings and device measurements of a PID' })
  @ApiOkResponse({ type: PidDetailDto })
  @ApiMycodoNotFound('PID')
  getPid(@Param('unique_id') id: string): Promise<PidDetailDto> {
    return this.pids.detail(id);
  }

  @Post()
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: create a PID (activate it with POST /api/controllers/{unique_id})' })
  @ApiCreatedResponse({ type: PidDetailDto })
  async createPid(@Body() body: PidCreateDto): Promise<PidDetailDto> {
    return this.pids.detail((await this.pids.create(body)).unique_id);
  }

  @Patch(':unique_id')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: change a PID; a running PID uses the new settings at its next period (Mycodo pid_mod)' })
  @ApiOkResponse({ type: PidDetailDto })
  @ApiMycodoNotFound('PID')
  async updatePid(@Param('unique_id') id: string, @Body() body: PidUpdateDto): Promise<PidDetailDto> {
    await this.pids.update(id, body);
    return this.pids.detail(id);
  }

  @Delete(':unique_id')
  @HttpCode(204)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: stop and delete a PID' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiMycodoNotFound('PID')
  async deletePid(@Param('unique_id') id: string): Promise<void> {
    await this.pids.get(id);
    if (this.runtime.isActive(id)) await this.runtime.deactivate(id);
    await this.pids.delete(id);
  }

  @Get(':unique_id/state')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: "Skygate extension: Mycodo's pid_get (setpoint, band, error, integrator, derivator, gains)" })
  @ApiOkResponse({ type: PidStateDto })
  @ApiMycodoNotFound('PID')
  getPidState(@Param('unique_id') id: string): Promise<PidStateDto> {
    return this.pids.state(id);
  }

  @Post(':unique_id/state')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: "Skygate extension: Mycodo's pid_set (setpoint and gains are stored; integrator and derivator change the running PID)" })
  @ApiOkResponse({ type: PidStateDto })
  @ApiMycodoNotFound('PID')
  setPidState(@Param('unique_id') id: string, @Body() body: PidSetDto): Promise<PidStateDto> {
    return this.pids.set(id, body);
  }

  @Post(':unique_id/hold')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: hold (keep driving with the current control variable)', description: 'Difference from Mycodo, whose held PID behaves like a running one.' })
  @ApiOkResponse({ type: PidStateDto })
  @ApiMycodoNotFound('PID')
  holdPid(@Param('unique_id') id: string): Promise<PidStateDto> {
    return this.pids.mode(id, 'hold');
  }

  @Post(':unique_id/pause')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: pause (neither integrate nor drive the outputs)', description: 'Difference from Mycodo, whose paused PID keeps integrating.' })
  @ApiOkResponse({ type: PidStateDto })
  @ApiMycodoNotFound('PID')
  pausePid(@Param('unique_id') id: string): Promise<PidStateDto> {
    return this.pids.mode(id, 'pause');
  }

  @Post(':unique_id/resume')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: resume a held or paused PID' })
  @ApiOkResponse({ type: PidStateDto })
  @ApiMycodoNotFound('PID')
  resumePid(@Param('unique_id') id: string): Promise<PidStateDto> {
    return this.pids.mode(id, 'resume');
  }
}
