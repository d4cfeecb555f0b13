import { Get, Header, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery } from '@nestjs/swagger';
import type { Repository } from 'typeorm';
import { RequirePermission } from '@app/auth';
import { MycodoController } from '../http/mycodo-http';
import { MeasurementsRepository } from '../measurements/measurements.repository';
import { parseNumber } from '../measurements/measurements.service';
import { FunctionEntity } from '../entities/function.entity';
import { DeviceMeasurementEntity, InputEntity } from '../entities/input.entity';
import { OutputChannelEntity, OutputEntity } from '../entities/output.entity';
import { PidEntity } from '../entities/pid.entity';

export const EXPORT_MAX_POINTS = 1_000_000;

export class SettingsExportDto {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) outputs: object[];
  @ApiProperty({ name: 'output channels', type: 'array', items: { type: 'object' } }) 'output channels': object[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) inputs: object[];
  @ApiProperty({ name: 'device measurements', type: 'array', items: { type: 'object' } }) 'device measurements': object[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) pids: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) functions: object[];
}

export class MeasurementExportDto {
  @ApiProperty({ description: 'device_id, unit, channel, measure, time (epoch s), value', type: 'array', items: { type: 'object' } }) measurements: object[];
  @ApiProperty({ description: `true when more than ${EXPORT_MAX_POINTS} points matched; ask again from the last time` }) truncated: boolean;
}

/** Mycodo's export routes; Skygate exports JSON (Mycodo: a zip of its SQLite and InfluxDB files). */
@MycodoController('export_import', 'daemon: export')
export class ExportController {
  constructor(
    @InjectRepository(OutputEntity) private readonly outputs: Repository<OutputEntity>,
    @InjectRepository(OutputChannelEntity) private readonly channels: Repository<OutputChannelEntity>,
    @InjectRepository(InputEntity) private readonly inputs: Repository<InputEntity>,
    @InjectRepository(DeviceMeasurementEntity) private readonly deviceMeasurements: Repository<DeviceMeasurementEntity>,
    @InjectRepository(PidEntity) private readonly pids: Repository<PidEntity>,
    @InjectRepository(FunctionEntity) private readonly functions: Repository<FunctionEntity>,
    private readonly measurements: MeasurementsRepository,
  ) {}

  @Get('export_settings')
  @RequirePermission('daemon', 'read')
  @Header('Content-Disposition', 'attachment; filename="skygate-daemon-settings.json"')
  @ApiOperation({ summary: 'The daemon settings as one JSON document', description: 'Difference from Mycodo: JSON, not a zip of the settings database.' })
  @ApiOkResponse({ type: SettingsExportDto })
  async exportDaemonSettings(): Promise<SettingsExportDto> {
    return {
      outputs: await this.outputs.find({ order: { id: 'ASC' } }),
      'output channels': await this.channels.find({ order: { id: 'ASC' } }),
      inputs: await this.inputs.find({ order: { id: 'ASC' } }),
      'device measurements': await this.deviceMeasurements.find({ order: { id: 'ASC' } }),
      pids: await this.pids.find({ order: { id: 'ASC' } }),
      functions: await this.functions.find({ order: { id: 'ASC' } }),
    };
  }

  @Get('export_influxdb')
  @RequirePermission('daemon', 'read')
  @Header('Content-Disposition', 'attachment; filename="skygate-daemon-measurements.json"')
  @ApiOperation({ summary: 'Every measurement as JSON, oldest first', description: `Difference from Mycodo: JSON of the time series (at most ${EXPORT_MAX_POINTS} points a request; start/end in epoch seconds narrow it), not an InfluxDB backup zip.` })
  @ApiQuery({ name: 'start', required: false, description: 'epoch seconds' })
  @ApiQuery({ name: 'end', required: false, description: 'epoch seconds' })
  @ApiOkResponse({ type: MeasurementExportDto })
  async exportDaemonMeasurements(@Query('start') start?: string, @Query('end') end?: string): Promise<MeasurementExportDto> {
    const from = start === undefined ? null : new Date(parseNumber(start, 'start') * 1000);
    const to = end === undefined ? null : new Date(parseNumber(end, 'end') * 1000);
    const rows = await this.measurements.export(from, to, EXPORT_MAX_POINTS + 1);
    return { measurements: rows.slice(0, EXPORT_MAX_POINTS), truncated: rows.length > EXPORT_MAX_POINTS };
  }
}
