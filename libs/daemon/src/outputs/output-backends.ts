import { execFile } from 'node:child_process';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { GPIO_DRIVER, type GpioDriver } from '@app/gpio';
import { EquipmentRegistry } from '@app/equipment';
import { MqttOutputBackend } from '../mqtt/mqtt-output';
import { DaemonPinClaims } from './gpio-pin-claims';
import { MQTT_PUBLISHER, type MqttPublisher, type OutputBackend, type OutputBackendFactory, type OutputChannelConfig } from './output-backend';

const ONLY_ON_OFF = { on_off: true, pwm: false, value: false, volume: false };

function optionNumber(options: Record<string, unknown>, key: string, fallback?: number): number {
  const raw = options[key] ?? fallback;
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`channel option "${key}" must be a number`);
  return value;
}

function channelOf(channels: OutputChannelConfig[], channel: number): OutputChannelConfig {
  const found = channels.find((c) => c.channel === channel);
  if (!found) throw new Error(`output channel doesn't exist: ${channel}`);
  return found;
}

/** Mycodo's `wired` GPIO on/off output through the GpioDriver; `on_state` 1 = high is on. */
@Injectable()
export class GpioOutputFactory implements OutputBackendFactory {
  readonly outputType = 'gpio';
  readonly description = 'GPIO on/off (channel options: pin, on_state)';

  constructor(
    @Inject(GPIO_DRIVER) private readonly driver: GpioDriver,
    private readonly claims: DaemonPinClaims,
  ) {}

  create(output: { unique_id: string; name: string }, channels: OutputChannelConfig[]): OutputBackend {
    const pin = (ch: number) => optionNumber(channelOf(channels, ch).options, 'pin');
    const onLevel = (ch: number) => (optionNumber(channelOf(channels, ch).options, 'on_state', 1) ? 1 : 0);
    const owner = `daemon output "${output.name}"`;
    return {
      capabilities: ONLY_ON_OFF,
      setup: async () => {
        this.claims.claim(owner, channels.map((c) => pin(c.channel)));
        for (const c of channels) this.driver.setOutput(pin(c.channel), onLevel(c.channel) ? 0 : 1);
      },
      on: async (ch) => this.driver.write(pin(ch), onLevel(ch)),
      off: async (ch) => this.driver.write(pin(ch), onLevel(ch) ? 0 : 1),
      isOn: async (ch) => this.driver.read(pin(ch)) === onLevel(ch),
      close: async () => this.claims.release(owner),
    };
  }
}

/** PWM through the GpioDriver (channel options: pin, pwm_hertz, pwm_invert_signal). */
@Injectable()
export class PwmOutputFactory implements OutputBackendFactory {
  readonly outputType = 'pwm';
  readonly description = 'GPIO PWM (channel options: pin, pwm_hertz, pwm_invert_signal)';

  constructor(
    @Inject(GPIO_DRIVER) private readonly driver: GpioDriver,
    private readonly claims: DaemonPinClaims,
  ) {}

  create(output: { unique_id: string; name: string }, channels: OutputChannelConfig[]): OutputBackend {
    const options = (ch: number) => channelOf(channels, ch).options;
    const owner = `daemon output "${output.name}"`;
    const set = async (ch: number, percent: number) => {
      const invert = options(ch).pwm_invert_signal === true;
      const duty = Math.round(((invert ? 100 - percent : percent) / 100) * 65535);
      this.driver.setPwm(optionNumber(options(ch), 'pin'), { frequency: optionNumber(options(ch), 'pwm_hertz', 22000), duty });
    };
    return {
      capabilities: { on_off: true, pwm: true, value: false, volume: false },
      setup: async () => {
        this.claims.claim(owner, channels.map((c) => optionNumber(c.options, 'pin')));
        for (const c of channels) await set(c.channel, 0);
      },
      on: (ch) => set(ch, 100),
      off: (ch) => set(ch, 0),
      duty: (ch, percent) => set(ch, percent),
      close: async () => this.claims.release(owner),
    };
  }
}

/** Runs a shell command as a child process; exit status 0 is success, anything else fails with stderr. */
export function runShell(command: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: timeoutMs, env: { ...process.env, ...env }, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`command failed (${err.code ?? err.signal ?? 'error'}): ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/** Mycodo's shell output: on_command / off_command / pwm_command with ((duty_cycle)) / value_command with ((value)). */
@Injectable()
export class CommandOutputFactory implements OutputBackendFactory {
  readonly outputType = 'command';
  readonly description = 'Shell commands (channel options: on_command, off_command, pwm_command with ((duty_cycle)), value_command with ((value)))';

  create(_output: unknown, channels: OutputChannelConfig[]): OutputBackend {
    const command = (ch: number, key: string) => {
      const text = channelOf(channels, ch).options[key];
      if (typeof text !== 'string' || !text) throw new Error(`channel ${ch} has no ${key}`);
      return text;
    };
    const has = (key: string) => channels.some((c) => typeof c.options[key] === 'string');
    return {
      capabilities: { on_off: true, pwm: has('pwm_command'), value: has('value_command'), volume: false },
      setup: async () => undefined,
      on: async (ch) => void (await runShell(command(ch, 'on_command'))),
      off: async (ch) => void (await runShell(command(ch, 'off_command'))),
      duty: async (ch, percent) => void (await runShell(command(ch, 'pwm_command').replaceAll('((duty_cycle))', String(percent)))),
      value: async (ch, value) => void (await runShell(command(ch, 'value_command').replaceAll('((value))', String(value)))),
      close: async () => undefined,
    };
  }
}

/** A port of the Equipment switch device (an INDI power box): on = the port's max, off = its min, value = any level. */
@Injectable()
export class EquipmentSwitchOutputFactory implements OutputBackendFactory {
  readonly outputType = 'equipment_switch';
  readonly description = 'A port of the Equipment switch device (channel options: port)';

  constructor(private readonly equipment: EquipmentRegistry) {}

  create(_output: unknown, channels: OutputChannelConfig[]): OutputBackend {
    const portId = (ch: number) => optionNumber(channelOf(channels, ch).options, 'port');
    const port = (ch: number) => {
      const found = this.equipment.require('switch').ports().find((p) => p.id === portId(ch));
      if (!found) throw new Error(`the switch device has no port ${portId(ch)}`);
      return found;
    };
    const set = (ch: number, value: number) => this.equipment.require('switch').setValue(portId(ch), value);
    return {
      capabilities: { on_off: true, pwm: false, value: true, volume: false },
      setup: async () => undefined,
      on: (ch) => set(ch, port(ch).max),
      off: (ch) => set(ch, port(ch).min),
      value: (ch, value) => set(ch, value),
      isOn: async (ch) => {
        if (!this.equipment.connected('switch')) return undefined;
        const p = port(ch);
        return p.max === 1 && p.min === 0 ? p.value > 0 : p.value > p.min ? p.value : false;
      },
      close: async () => undefined,
    };
  }
}

/** Mycodo's on_off_mqtt / pwm_mqtt: publishes through MQTT_PUBLISHER (MQTT_URL); channel options topic, payload_on, payload_off, pwm_invert_signal, round_integer, retain. */
@Injectable()
export class MqttOutputFactory implements OutputBackendFactory {
  readonly outputType = 'mqtt';
  readonly description = 'MQTT publish (channel options: topic, payload_on, payload_off (default on/off), pwm_invert_signal, round_integer, retain; duty and value publish the number)';

  constructor(@Optional() @Inject(MQTT_PUBLISHER) private readonly mqtt: MqttPublisher | null) {}

  create(_output: unknown, channels: OutputChannelConfig[]): OutputBackend {
    const unconfigured: MqttPublisher = {
      publish: async () => {
        throw new Error('no MQTT client is configured (set MQTT_URL)');
      },
    };
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    return new MqttOutputBackend(
      this.mqtt ?? unconfigured,
      channels.map(({ channel, options }) => ({
        channel,
        topic: text(options.topic) ?? '',
        payloadOn: text(options.payload_on),
        payloadOff: text(options.payload_off),
        invertDuty: options.pwm_invert_signal === true,
        roundDuty: options.round_integer === true,
        retain: options.retain === true,
      })),
    );
  }
}

export const BUILT_IN_OUTPUT_FACTORIES = [GpioOutputFactory, PwmOutputFactory, CommandOutputFactory, EquipmentSwitchOutputFactory, MqttOutputFactory];
