import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { EquipmentRegistry, type WeatherReadings } from '@app/equipment';
import { runShell } from '../outputs/output-backends';
import type { InputBackend, InputBackendFactory, InputChannelConfig, InputReading } from './input-backend';

const channel = (n: number, measurement: string, unit: string, options: Record<string, unknown> = {}): InputChannelConfig => ({ channel: n, measurement, unit, options });
const reading = (c: InputChannelConfig, value: number): InputReading => ({ channel: c.channel, unit: c.unit, measurement: c.measurement, value });
const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/**
 * A sensor without hardware: each channel reads `base + amplitude·sin(2π·t/period_s)` at the
 * Clock's time, so tests know what it will say (channel options base, amplitude, period_s).
 */
@Injectable()
export class SimulatedInputFactory implements InputBackendFactory {
  readonly device = 'simulated';
  readonly description = 'Simulated sensor (channel options: base, amplitude, period_s)';

  constructor(private readonly clock: Clock) {}

  defaultChannels(): InputChannelConfig[] {
    return [channel(0, 'temperature', 'C', { base: 12, amplitude: 2, period_s: 3600 }), channel(1, 'humidity', 'percent', { base: 60, amplitude: 10, period_s: 3600 })];
  }

  create(_input: unknown, channels: InputChannelConfig[]): InputBackend {
    return {
      measure: async () => {
        const t = this.clock.nowMs() / 1000;
        return channels.map((c) => {
          const wave = num(c.options.amplitude, 0) * Math.sin((2 * Math.PI * t) / num(c.options.period_s, 3600));
          return reading(c, Math.round((num(c.options.base, 0) + wave) * 1000) / 1000);
        });
      },
    };
  }
}

/** Mycodo's Linux Command input: runs `cmd_command` in a shell; line N of its output is channel N's value. */
@Injectable()
export class CommandInputFactory implements InputBackendFactory {
  readonly device = 'command';
  readonly description = 'Linux command (cmd_command; one number per output line, line N = channel N)';

  defaultChannels(): InputChannelConfig[] {
    return [channel(0, 'unitless', 'none')];
  }

  create(input: { cmd_command: string | null }, channels: InputChannelConfig[]): InputBackend {
    return {
      measure: async () => {
        if (!input.cmd_command) throw new Error('the input has no cmd_command');
        const lines = (await runShell(input.cmd_command)).split('\n').map((l) => l.trim()).filter(Boolean);
        return channels.flatMap((c) => {
          const value = Number(lines[c.channel]);
          if (lines[c.channel] === undefined || !Number.isFinite(value)) throw new Error(`the command printed no number for channel ${c.channel}`);
          return [reading(c, value)];
        });
      },
    };
  }
}

/** Which ASCOM ObservingConditions field each default weather channel reads. */
const WEATHER_CHANNELS: [keyof WeatherReadings, string, string][] = [
  ['temperature', 'temperature', 'C'],
  ['humidity', 'humidity', 'percent'],
  ['dewPoint', 'dewpoint', 'C'],
  ['pressure', 'pressure', 'hPa'],
  ['cloudCover', 'cloud_cover', 'percent'],
  ['windSpeed', 'speed', 'm_s'],
  ['windGust', 'speed', 'm_s'],
  ['windDirection', 'direction', 'deg'],
  ['rainRate', 'rain_rate', 'mm_h'],
  ['skyQuality', 'sky_quality', 'mpsas'],
  ['skyTemperature', 'temperature', 'C'],
];

/** The Equipment weather device as an input: its readings become measurements (channel option `field`). */
@Injectable()
export class EquipmentWeatherInputFactory implements InputBackendFactory {
  readonly device = 'equipment_weather';
  readonly description = 'The Equipment weather device (channel option field: temperature, humidity, dewPoint, pressure, cloudCover, windSpeed...)';

  constructor(private readonly equipment: EquipmentRegistry) {}

  defaultChannels(): InputChannelConfig[] {
    return WEATHER_CHANNELS.map(([field, measurement, unit], n) => channel(n, measurement, unit, { field }));
  }

  create(_input: unknown, channels: InputChannelConfig[]): InputBackend {
    return {
      measure: async () => {
        const readings = this.equipment.require('weather').readings();
        return channels.flatMap((c) => {
          const value = readings[String(c.options.field) as keyof WeatherReadings];
          return typeof value === 'number' && Number.isFinite(value) ? [reading(c, value)] : [];
        });
      },
    };
  }
}

/** The Equipment safety monitor as an input: channel 0 is 1 while safe, 0 when unsafe. */
@Injectable()
export class EquipmentSafetyInputFactory implements InputBackendFactory {
  readonly device = 'equipment_safety';
  readonly description = 'The Equipment safety monitor (channel 0: 1 safe, 0 unsafe)';

  constructor(private readonly equipment: EquipmentRegistry) {}

  defaultChannels(): InputChannelConfig[] {
    return [channel(0, 'boolean', 'bool')];
  }

  create(_input: unknown, channels: InputChannelConfig[]): InputBackend {
    return { measure: async () => channels.map((c) => reading(c, this.equipment.require('safetymonitor').isSafe() ? 1 : 0)) };
  }
}

export const BUILT_IN_INPUT_FACTORIES = [SimulatedInputFactory, CommandInputFactory, EquipmentWeatherInputFactory, EquipmentSafetyInputFactory];
