import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '@app/auth';
import { UseWireFamily } from '@app/core';
import {
  AllskyErrorDto,
  GpioCountDto,
  GpioDigitalReadDto,
  GpioDigitalWriteDto,
  GpioDigitalWriteResultDto,
  GpioLineDto,
  GpioPwmDto,
  GpioPwmResultDto,
  GpioPwmSettingDto,
  GpioStatusDto,
} from '../dtos/gpio.dto';
import { renderGpioStatusHtml } from './gpio-status.html';
import { GpioService, type GpioLine, type GpioStatus } from './gpio.service';

const READ_NOTE = 'Needs gpio:read (the Allsky Server demands gpio:update even for reads; Skygate uses read for reads).';

/** The Allsky Server's /gpio routes: same paths, bodies, responses and error texts (bodies are validated by the service to keep them). */
@ApiTags('GPIO (Allsky Server)')
@ApiExtraModels(GpioPwmSettingDto, GpioLineDto)
@ApiBadRequestResponse({ type: AllskyErrorDto, description: 'e.g. {"error":"Invalid GPIO pin 99"}' })
@ApiServiceUnavailableResponse({ type: AllskyErrorDto, description: '{"error":"GPIO backend unavailable","type","message"}' })
@UseWireFamily('allsky')
@Controller('gpio')
export class GpioController {
  constructor(private readonly gpio: GpioService) {}

  @Get('all')
  @RequirePermission('gpio', 'read')
  @ApiOperation({ summary: 'Every line of the chip as D0..D<n-1>: unused, digital-input/-output with value, or pwm', description: READ_NOTE })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: { $ref: getSchemaPath(GpioLineDto) }, example: { D0: { mode: 'unused' }, D18: { mode: 'digital-output', value: 'on' } } } })
  getGpioAll(): Record<string, GpioLine> {
    return this.gpio.all();
  }

  @Get('count')
  @RequirePermission('gpio', 'read')
  @ApiOperation({ summary: 'Number of GPIO lines on the active chip (get_gpio_count; not a route of the Allsky Server)', description: READ_NOTE })
  @ApiOkResponse({ type: GpioCountDto })
  getGpioCount(): GpioCountDto {
    return { count: this.gpio.count(), driver: this.gpio.driverName() };
  }

  @Get('digital/:pin')
  @RequirePermission('gpio', 'read')
  @ApiOperation({ summary: 'Read a pin; an unclaimed pin is claimed as an input, an output reads back its level', description: READ_NOTE })
  @ApiParam({ name: 'pin', example: '18', description: 'BCM number, or D18' })
  @ApiOkResponse({ type: GpioDigitalReadDto })
  @ApiConflictResponse({ type: AllskyErrorDto, description: '{"error":"GPIO pin 12 is currently configured for PWM"}' })
  readGpioDigital(@Param('pin') pin: string): Promise<GpioDigitalReadDto> {
    return this.gpio.readDigital(pin);
  }

  @Post('digital')
  @HttpCode(200)
  @RequirePermission('gpio', 'update')
  @ApiOperation({ summary: 'Drive a pin high ("on") or low (anything else); takes the pin over from PWM or input' })
  @ApiBody({ type: GpioDigitalWriteDto })
  @ApiOkResponse({ type: GpioDigitalWriteResultDto })
  writeGpioDigital(@Body() body: Record<string, unknown>): Promise<GpioDigitalWriteResultDto> {
    return this.gpio.writeDigital(body ?? {});
  }

  @Post('pwm')
  @HttpCode(200)
  @RequirePermission('gpio', 'update')
  @ApiOperation({ summary: 'Set PWM on a pin: frequency > 0 (default 1000 Hz), duty 0..65535 (default 0)' })
  @ApiBody({ type: GpioPwmDto })
  @ApiOkResponse({ type: GpioPwmResultDto })
  setGpioPwm(@Body() body: Record<string, unknown>): Promise<GpioPwmResultDto> {
    return this.gpio.setPwm(body ?? {});
  }

  @Get('status')
  @RequirePermission('gpio', 'read')
  @ApiOperation({ summary: 'Pins in use: digital levels and PWM settings, keyed by bare pin number', description: READ_NOTE })
  @ApiOkResponse({ type: GpioStatusDto })
  getGpioStatus(): GpioStatus {
    return this.gpio.status();
  }

  @Get('status/:format')
  @RequirePermission('gpio', 'read')
  @ApiOperation({ summary: 'Pins in use: JSON when format is "json", otherwise the HTML fragment of the Allsky WebUI device manager', description: READ_NOTE })
  @ApiParam({ name: 'format', example: 'html' })
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(GpioStatusDto) } },
      'text/html': { schema: { type: 'string', example: '<div class="row">...</div>' } },
    },
  })
  getGpioStatusFormatted(@Param('format') format: string, @Res({ passthrough: true }) res: Response): GpioStatus | string {
    const status = this.gpio.status();
    if (format === 'json') return status;
    res.type('html');
    return renderGpioStatusHtml(status, this.gpio.names());
  }
}
