import { Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { DaemonStatusDto, DaemonTerminateDto, LogTailDto } from '../dtos/daemon.dto';
import { MycodoController, MycodoError, MycodoMessageDto } from '../http/mycodo-http';
import { DaemonLog } from './daemon-log';
import { DaemonRuntime } from './daemon-runtime.service';
import { DaemonState } from './daemon-state';

@MycodoController('daemon', 'daemon: daemon')
export class DaemonController {
  constructor(
    private readonly state: DaemonState,
    private readonly runtime: DaemonRuntime,
  ) {}

  @Get()
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Daemon status', description: 'RAM is the resident memory of the Skygate process in MB. Needs daemon:read (Mycodo: edit_controllers).' })
  @ApiOkResponse({ type: DaemonStatusDto })
  getDaemonStatus(): DaemonStatusDto {
    return { is_running: this.state.running, RAM: Math.round((process.memoryUsage.rss() / 1048576) * 100) / 100, python_virtual_env: false };
  }

  @Post('terminate')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Stop the daemon', description: 'Stops every controller in reverse start order and applies the outputs\' shutdown states. Difference from Mycodo: the HTTP server goes on; POST /api/daemon/start starts the daemon again.' })
  @ApiOkResponse({ type: DaemonTerminateDto })
  async terminateDaemon(): Promise<DaemonTerminateDto> {
    await this.runtime.terminate();
    return { terminated: true };
  }

  @Post('start')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: start a terminated daemon (outputs get their startup states, activated controllers start)' })
  @ApiOkResponse({ type: MycodoMessageDto })
  @ApiConflictResponse({ type: MycodoMessageDto, description: 'Already running' })
  async startDaemon(): Promise<MycodoMessageDto> {
    await this.runtime.start();
    return { message: 'Success: daemon started' };
  }
}

const LOG_TYPES = ['daemon'];

@MycodoController('log', 'daemon: log')
export class DaemonLogController {
  constructor(private readonly log: DaemonLog) {}

  @Get('tail/:log_type/:last_lines')
  @RequirePermission('daemon', 'read')
  @ApiOperation({
    summary: 'The last lines of a log',
    description: 'Only the daemon log exists here (Skygate logs everything else as JSON on stdout). Difference from Mycodo: the answer is {"lines": [...]}; needs daemon:read.',
  })
  @ApiParam({ name: 'log_type', enum: LOG_TYPES })
  @ApiOkResponse({ type: LogTailDto })
  @ApiNotFoundResponse({ type: MycodoMessageDto, description: 'Unknown log type' })
  getLogTail(@Param('log_type') type: string, @Param('last_lines', ParseIntPipe) lines: number): LogTailDto {
    if (!LOG_TYPES.includes(type)) throw new MycodoError(404, 'Unknown log type');
    if (lines < 1) throw new MycodoError(422, 'last_lines must be >= 1');
    return { lines: this.log.tail(lines) };
  }
}
