import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const PIN = {
  oneOf: [{ type: 'string' }, { type: 'integer' }],
  example: '18',
  description: 'BCM line number ("18" or 18); Skygate also accepts the "D18" labels of /gpio/all',
};

/** The Allsky Server's error body. */
export class AllskyErrorDto {
  @ApiProperty({ example: 'Invalid GPIO pin 99' })
  error: string;

  @ApiPropertyOptional({ example: 'GpioUnavailableError', description: 'Exception class, on backend failures (503/500)' })
  type?: string;

  @ApiPropertyOptional({ example: 'no GPIO chip', description: 'Exception text, on backend failures (503/500)' })
  message?: string;
}

export class GpioDigitalWriteDto {
  @ApiProperty(PIN)
  pin: string | number;

  @ApiProperty({ example: 'on', description: '"on" (any case) drives the pin high; anything else drives it low' })
  state: string;

  @ApiPropertyOptional({ example: 'dew heater', description: 'Stored with the pin (persisted; shown in the status)' })
  name?: string;
}

export class GpioPwmDto {
  @ApiProperty(PIN)
  pin: string | number;

  @ApiPropertyOptional({ oneOf: [{ type: 'integer' }, { type: 'string' }], example: 1000, default: 1000, description: 'Hz, > 0' })
  frequency?: number;

  @ApiPropertyOptional({ oneOf: [{ type: 'integer' }, { type: 'string' }], example: 32768, default: 0, description: '0..65535 (16-bit)' })
  duty?: number;

  @ApiPropertyOptional({ example: 'fan' })
  name?: string;
}

export class GpioDigitalReadDto {
  @ApiProperty({ example: '18' })
  pin: string;

  @ApiProperty({ enum: ['on', 'off'], example: 'on' })
  value: 'on' | 'off';

  @ApiProperty({ example: 'dew heater', description: 'The pin name, empty when none was given' })
  name: string;
}

export class GpioDigitalWriteResultDto {
  @ApiProperty({ example: '18' })
  pin: string;

  @ApiProperty({ enum: ['on', 'off'], example: 'on' })
  state: 'on' | 'off';
}

export class GpioPwmResultDto {
  @ApiProperty({ example: '12' })
  pin: string;

  @ApiProperty({ example: 1000 })
  frequency: number;

  @ApiProperty({ example: 32768 })
  duty: number;

  @ApiProperty({ example: 50, description: 'duty / 65535 * 100, rounded to 2 decimals' })
  duty_percent: number;
}

export class GpioPwmSettingDto {
  @ApiProperty({ example: 1000 })
  frequency: number;

  @ApiProperty({ example: 32768 })
  duty: number;
}

export class GpioStatusDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['on', 'off'] }, example: { '18': 'on' } })
  digital: Record<string, 'on' | 'off'>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/GpioPwmSettingDto' }, example: { '12': { frequency: 1000, duty: 32768 } } })
  pwm: Record<string, GpioPwmSettingDto>;
}

export class GpioLineDto {
  @ApiProperty({ enum: ['unused', 'digital-input', 'digital-output', 'pwm'], example: 'digital-output' })
  mode: string;

  @ApiPropertyOptional({ enum: ['on', 'off'], example: 'on' })
  value?: 'on' | 'off';

  @ApiPropertyOptional({ example: 1000 })
  frequency?: number;

  @ApiPropertyOptional({ example: 32768 })
  duty?: number;
}

export class GpioCountDto {
  @ApiProperty({ example: 28, description: 'Lines on the active chip; pins are 0..count-1' })
  count: number;

  @ApiProperty({ example: 'simulated', description: 'The active GpioDriver (Skygate addition)' })
  driver: string;
}
