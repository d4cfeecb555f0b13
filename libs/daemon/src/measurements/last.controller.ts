import { Get, HttpCode, Param, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Repository } from 'typeorm';
import { RequirePermission } from '@app/auth';
import { DeviceMeasurementEntity } from '../entities/input.entity';
import { MycodoController, notFound, unprocessable } from '../http/mycodo-http';
import { isUuid } from '../runtime/daemon-state';
import { MeasurementsService } from './measurements.service';

const DEVICE_TYPES = ['input', 'function', 'output', 'pid'];

/** Mycodo's dashboard route `/last/<unique_id>/<measure_type>/<measurement_id>/<period>`. */
@MycodoController('last', 'daemon: measurements', { webRoute: true })
export class LastMeasurementController {
  constructor(
    @InjectRepository(DeviceMeasurementEntity) private readonly measurements: Repository<DeviceMeasurementEntity>,
    private readonly series: MeasurementsService,
  ) {}

  @Get(':device_id/:measurement_type/:unique_id/:period')
  @HttpCode(200)
  @RequirePermission('daemon', 'read')
  @ApiOperation({
    summary: "Mycodo's web route: the last value of a device measurement as [epoch milliseconds, value]",
    description:
      'period: seconds to look back (0: no limit). No value: 204, as in Mycodo. Differences: an unknown measurement is 404 and a bad period 422 (Mycodo: 204); the answer is in the Mycodo vendor media type.',
  })
  @ApiParam({ name: 'measurement_type', enum: DEVICE_TYPES })
  @ApiParam({ name: 'unique_id', description: 'the device measurement unique_id' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, example: [1767225600000, 12.5] } })
  @ApiNoContentResponse({ description: 'No value in that period' })
  async getLastDeviceMeasurement(
    @Param('device_id') deviceId: string,
    @Param('measurement_type') type: string,
    @Param('unique_id') id: string,
    @Param('period') period: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<[number, number] | undefined> {
    const seconds = Number(period);
    if (!Number.isFinite(seconds) || seconds < 0) throw unprocessable('period must be a number of seconds >= 0');
    if (!DEVICE_TYPES.includes(type)) throw unprocessable(`measurement_type must be one of ${DEVICE_TYPES.join(', ')}`);
    const measurement = isUuid(id) ? await this.measurements.findOneBy({ unique_id: id }) : null;
    if (!measurement || measurement.device_id !== deviceId) throw notFound('Device measurement', id);
    const lookBack = seconds === 0 ? 100 * 365 * 86400 : seconds;
    const last = await this.series.last({ device_id: deviceId, unit: measurement.unit, channel: measurement.channel }, lookBack);
    if (!last) {
      res.status(204);
      return undefined;
    }
    return [Math.round(last.time * 1000), last.value];
  }
}
