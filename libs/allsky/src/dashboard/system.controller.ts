import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { UseWireFamily } from '@app/core';
import { SystemInfoDto } from '../dtos/system.dto';
import { SystemInfoService, type SystemInfo } from './system-info.service';

/** Dashboard data: the machine's health for dashboards, and the Allsky Server's /system/top. */
@ApiTags('Dashboard')
@UseWireFamily('allsky')
@Controller()
export class SystemController {
  constructor(private readonly system: SystemInfoService) {}

  @Get('dashboard/system')
  @RequirePermission('dashboard', 'read')
  @ApiOperation({ summary: 'CPU load and temperature, memory, disks, uptime and network; one sample serves every caller for 1.5 s' })
  @ApiOkResponse({ type: SystemInfoDto })
  getDashboardSystem(): Promise<SystemInfo> {
    return this.system.system();
  }

  @Get('system/top')
  @RequirePermission('dashboard', 'read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The 20 busiest processes by CPU (PID, CPU%, MEM%, Name) as an HTML table', description: 'The Allsky Server asks system:read; Skygate has no system resource and uses dashboard:read.' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string', example: '<table class="table table-striped table-condensed">...</table>' } })
  getSystemTop(): Promise<string> {
    return this.system.topHtml();
  }
}
