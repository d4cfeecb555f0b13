import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { MeasurementCreateDto, MeasurementListDto, MeasurementPointDto, MultiRequestDto, MultiResponseDto } from '../dtos/measurements.dto';
import { MycodoController, MycodoMessageDto, unprocessable } from '../http/mycodo-http';
import { DEFAULT_POINT_LIMIT, MeasurementsService, parseLimit, parseNumber, parseSeries } from './measurements.service';

const LIMIT = {
  name: 'limit',
  required: false,
  description: `Skygate extension: most points returned (default ${DEFAULT_POINT_LIMIT}); a range holding more is averaged into this many equal time buckets on the server.`,
};
const UNIT_NOTE = 'unit is a unit id (C, percent, hPa...: GET /api/settings/units), channel an integer ≥ 0; otherwise 422 {"message": ...} (Mycodo: {"custom": ...}).';

const pastSeconds = (raw: string) => {
  const seconds = parseNumber(raw, 'past_seconds');
  if (seconds < 1) throw unprocessable('past_seconds must be >= 1');
  return seconds;
};

@MycodoController('measurements', 'daemon: measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  @Post('create/:unique_id/:unit/:channel/:value')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Create a measurement', description: `Any device id is accepted, as in Mycodo (external sources write their own). ${UNIT_NOTE}` })
  @ApiBody({ type: MeasurementCreateDto, required: false })
  @ApiOkResponse({ type: MycodoMessageDto })
  async createMeasurement(
    @Param('unique_id') id: string,
    @Param('unit') unit: string,
    @Param('channel') channel: string,
    @Param('value') value: string,
    @Body() body: MeasurementCreateDto,
  ): Promise<MycodoMessageDto> {
    await this.measurements.create(parseSeries(id, unit, channel), value, body?.timestamp);
    return { message: 'Success' };
  }

  @Get('last/:unique_id/:unit/:channel/:past_seconds')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'The last measurement within past_seconds', description: `No measurement in that time: {"time": null, "value": null}, as in Mycodo. ${UNIT_NOTE}` })
  @ApiOkResponse({ type: MeasurementPointDto })
  async getLastMeasurement(@Param('unique_id') id: string, @Param('unit') unit: string, @Param('channel') channel: string, @Param('past_seconds') past: string): Promise<MeasurementPointDto> {
    return (await this.measurements.last(parseSeries(id, unit, channel), pastSeconds(past))) ?? { time: null, value: null };
  }

  @Get('past/:unique_id/:unit/:channel/:past_seconds')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Measurements of the last past_seconds, oldest first', description: UNIT_NOTE })
  @ApiQuery(LIMIT)
  @ApiOkResponse({ type: MeasurementListDto })
  async getPastMeasurements(
    @Param('unique_id') id: string,
    @Param('unit') unit: string,
    @Param('channel') channel: string,
    @Param('past_seconds') past: string,
    @Query('limit') limit?: string,
  ): Promise<MeasurementListDto> {
    return { measurements: await this.measurements.past(parseSeries(id, unit, channel), pastSeconds(past), parseLimit(limit)) };
  }

  @Get('historical/:unique_id/:unit/:channel/:epoch_start/:epoch_end')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Measurements between two epoch times (seconds; 0 leaves that end open), oldest first', description: UNIT_NOTE })
  @ApiQuery(LIMIT)
  @ApiOkResponse({ type: MeasurementListDto })
  async getHistoricalMeasurements(
    @Param('unique_id') id: string,
    @Param('unit') unit: string,
    @Param('channel') channel: string,
    @Param('epoch_start') start: string,
    @Param('epoch_end') end: string,
    @Query('limit') limit?: string,
  ): Promise<MeasurementListDto> {
    const from = parseNumber(start, 'epoch_start');
    const to = parseNumber(end, 'epoch_end');
    if (from < 0 || to < 0) throw unprocessable('epoch_start and epoch_end must be >= 0');
    return { measurements: await this.measurements.historical(parseSeries(id, unit, channel), from, to, parseLimit(limit)) };
  }

  @Post('multi')
  @HttpCode(200)
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'The last measurement of several channels at once (up to 100)', description: 'In Mycodo\'s code, not in its published document; a read, so daemon:read.' })
  @ApiOkResponse({ type: MultiResponseDto })
  async getMultipleMeasurements(@Body() body: MultiRequestDto): Promise<MultiResponseDto> {
    const past = body.past_seconds ?? 3600;
    const keys = body.channels.map((c) => parseSeries(c.unique_id, c.unit, c.channel, c.measure));
    const measurements = [];
    for (const [n, key] of keys.entries()) {
      const last = await this.measurements.last(key, past);
      const c = body.channels[n];
      measurements.push({ unique_id: c.unique_id, unit: c.unit, channel: c.channel, measure: c.measure ?? null, time: last?.time ?? null, value: last?.value ?? null });
    }
    return { measurements };
  }
}
