import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { Clock, EventBus } from '@app/core';
import type { OutputChannelEntity, OutputEntity } from '../entities/output.entity';
import type { OutputStateValue } from '../events/daemon.events';
import { MycodoError, refused } from '../http/mycodo-http';
import { MeasurementsService } from '../measurements/measurements.service';
import { OUTPUT_BACKEND_FACTORIES, type OutputBackend, type OutputBackendFactory } from './output-backend';

interface ChannelState {
  on: boolean;
  duty: number | null;
  value: number | null;
  /** Epoch ms the current on period began (null when off). */
  onSince: number | null;
  /** Epoch ms a timed on ends (null: indefinite). */
  onUntil: number | null;
  /** Epoch ms before which a timed on is refused (min_off). */
  offUntil: number;
  /** The signed amount of the current timed period (Mycodo's last_duration). */
  lastAmount: number | null;
}

export interface OnOptions {
  /** Seconds; negative values are stored negative (Mycodo's store_lower_as_negative). */
  duration?: number;
  /** Seconds the output must stay off after a timed on ends. */
  minOff?: number;
  source: string;
}

type Device = { output: OutputEntity; channels: OutputChannelEntity[] };

const SEC = 1000;
const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Mycodo's output semantics (base_output.py) over any OutputBackend: timed on (a new duration
 * replaces the remaining time), min_off, PWM duty, values; every on period is recorded as a
 * `duration_time` measurement stamped at its start. Timing reads the injected Clock; tick()
 * (every 50 ms in the daemon loop, by hand in tests) ends timed periods.
 */
@Injectable()
export class OutputControlService {
  private readonly logger = new Logger('DaemonOutputs');
  private readonly backends = new Map<string, Promise<OutputBackend>>();
  private readonly states = new Map<string, ChannelState>();
  private readonly locks = new Map<string, Mutex>();
  private readonly devices = new Map<string, Device>();

  constructor(
    @Inject(OUTPUT_BACKEND_FACTORIES) private readonly factories: OutputBackendFactory[],
    private readonly measurements: MeasurementsService,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  outputTypes(): OutputBackendFactory[] {
    return this.factories;
  }

  hasType(type: string): boolean {
    return this.factories.some((f) => f.outputType === type);
  }

  /** Registers (or replaces) a device and sets its back-end up at once, so a pin conflict fails here. */
  async load(output: OutputEntity, channels: OutputChannelEntity[]): Promise<void> {
    await this.unload(output.unique_id);
    this.devices.set(output.unique_id, { output, channels });
    await this.backend(output.unique_id);
  }

  /** Switches every channel off (when it was on) and releases the back-end. */
  async unload(outputId: string): Promise<void> {
    const device = this.devices.get(outputId);
    if (!device) return;
    for (const ch of device.channels) {
      if (this.state(outputId, ch.channel).on) await this.off(outputId, ch.channel, 'api').catch(() => undefined);
      this.states.delete(`${outputId}/${ch.channel}`);
    }
    const backend = this.backends.get(outputId);
    this.backends.delete(outputId);
    this.devices.delete(outputId);
    await backend?.then((b) => b.close()).catch(() => undefined);
  }

  capabilities(outputId: string) {
    return this.backend(outputId).then((b) => b.capabilities);
  }

  async on(outputId: string, channel: number, options: OnOptions): Promise<string> {
    return this.locked(outputId, async () => {
      const { backend, state } = await this.target(outputId, channel);
      const now = this.clock.nowMs();
      const amount = options.duration ?? 0;
      if (!backend.capabilities.on_off) throw refused(`output ${outputId} cannot be switched on and off`);
      if (amount === 0) {
        if (state.on && !this.option(outputId, channel, 'command_force')) throw refused(`output ${outputId} CH${channel} is already on.`);
        if (!state.on && now < state.offUntil) throw refused(`output ${outputId} CH${channel} instructed to stay off for ${round((state.offUntil - now) / SEC)} more seconds.`);
        await backend.on(channel);
        Object.assign(state, { on: true, duty: null, onSince: state.onSince ?? now, onUntil: null, lastAmount: null });
        this.changed(outputId, channel, 'on', null, options.source);
        return `output ${outputId} CH${channel} on`;
      }
      if (!state.on && now < state.offUntil) {
        throw refused(`output ${outputId} CH${channel} instructed to stay off for ${round((state.offUntil - now) / SEC)} more seconds.`);
      }
      if (state.on) {
        // Replace (not extend) the end time; the part already spent on is recorded now.
        await this.recordPeriod(outputId, channel, state, now);
      } else {
        await backend.on(channel);
      }
      Object.assign(state, { on: true, duty: null, onSince: now, onUntil: now + Math.abs(amount) * SEC, lastAmount: amount });
      if (options.minOff && options.minOff > 0) state.offUntil = now + (Math.abs(amount) + options.minOff) * SEC;
      this.changed(outputId, channel, 'on', Math.abs(amount), options.source);
      return `output ${outputId} CH${channel} on for ${Math.abs(amount)} seconds`;
    });
  }

  async off(outputId: string, channel: number, source: string): Promise<string> {
    return this.locked(outputId, () => this.switchOff(outputId, channel, source));
  }

  async duty(outputId: string, channel: number, percent: number, source: string): Promise<string> {
    return this.locked(outputId, async () => {
      const { backend, state } = await this.target(outputId, channel);
      if (!backend.capabilities.pwm || !backend.duty) throw refused(`output ${outputId} does not support PWM`);
      await backend.duty(channel, percent);
      const now = this.clock.nowMs();
      if (percent > 0 && !state.on) Object.assign(state, { onSince: now });
      if (percent === 0 && state.on) await this.recordPeriod(outputId, channel, state, now);
      Object.assign(state, { on: percent > 0, duty: percent, onUntil: null, lastAmount: null, onSince: percent > 0 ? state.onSince : null });
      await this.measurements.record([{ device_id: outputId, unit: 'percent', channel, measure: 'duty_cycle', time: new Date(now), value: percent }]);
      this.changed(outputId, channel, percent > 0 ? percent : 'off', null, source);
      return `output ${outputId} CH${channel} duty cycle ${percent}%`;
    });
  }

  async value(outputId: string, channel: number, value: number, source: string): Promise<string> {
    return this.locked(outputId, async () => {
      const { backend, state } = await this.target(outputId, channel);
      if (!backend.capabilities.value || !backend.value) throw refused(`output ${outputId} does not accept a value`);
      await backend.value(channel, value);
      Object.assign(state, { on: value !== 0, value, duty: null, onUntil: null });
      this.changed(outputId, channel, value !== 0 ? value : 'off', null, source);
      return `output ${outputId} CH${channel} value ${value}`;
    });
  }

  async volume(outputId: string, channel: number, ml: number, source: string): Promise<string> {
    return this.locked(outputId, async () => {
      const { backend } = await this.target(outputId, channel);
      if (!backend.capabilities.volume || !backend.volume) throw refused(`output ${outputId} does not dispense volumes`);
      await backend.volume(channel, ml);
      this.changed(outputId, channel, 'on', null, source);
      return `output ${outputId} CH${channel} dispensing ${ml} ml`;
    });
  }

  /** Mycodo's output_state: the duty or value when non-zero, else on/off read back from the hardware when it can be. */
  async stateOf(outputId: string, channel: number): Promise<OutputStateValue> {
    const state = this.state(outputId, channel);
    if (state.duty !== null) return state.duty > 0 ? state.duty : 'off';
    if (state.value !== null) return state.value !== 0 ? state.value : 'off';
    const backend = await this.backend(outputId).catch(() => undefined);
    const read = await backend?.isOn?.(channel).catch(() => undefined);
    if (typeof read === 'number') return read;
    if (typeof read === 'boolean') return read ? 'on' : 'off';
    return state.on ? 'on' : 'off';
  }

  /** Seconds the channel has been on in the current period (Mycodo's output_sec_currently_on). */
  secondsOn(outputId: string, channel: number): number {
    const state = this.state(outputId, channel);
    return state.onSince === null ? 0 : round((this.clock.nowMs() - state.onSince) / SEC);
  }

  isOn(outputId: string, channel: number): boolean {
    return this.state(outputId, channel).on;
  }

  /** Ends timed on periods whose time is up. */
  async tick(): Promise<void> {
    const now = this.clock.nowMs();
    for (const [key, state] of this.states) {
      if (!state.on || state.onUntil === null || state.onUntil > now) continue;
      const [outputId, channel] = key.split('/');
      await this.locked(outputId, async () => {
        if (state.on && state.onUntil !== null && state.onUntil <= this.clock.nowMs()) await this.switchOff(outputId, Number(channel), 'timer');
      }).catch((err: Error) => this.logger.error(`output ${outputId} CH${channel}: timed off failed: ${err.message}`));
    }
  }

  /** Applies each channel's `state_startup` (or `state_shutdown`): 1 on, 0 off, a number > 1 or set_duty_cycle with a value = that duty, -1/absent nothing. */
  async applyConfiguredState(outputId: string, which: 'startup' | 'shutdown'): Promise<void> {
    const device = this.devices.get(outputId);
    if (!device) return;
    for (const ch of device.channels) {
      const wanted = ch.custom_options[`state_${which}`];
      const duty = Number(ch.custom_options[`${which}_value`]);
      try {
        if (wanted === 1 || wanted === '1' || wanted === true) await this.on(outputId, ch.channel, { source: which }).catch(() => undefined);
        else if (wanted === 0 || wanted === '0' || wanted === false) await this.off(outputId, ch.channel, which);
        else if (wanted === 'set_duty_cycle' && Number.isFinite(duty)) await this.duty(outputId, ch.channel, duty, which);
      } catch (err) {
        this.logger.error(`output ${device.output.name} CH${ch.channel}: ${which} state failed: ${(err as Error).message}`);
      }
    }
  }

  loadedIds(): string[] {
    return [...this.devices.keys()];
  }

  private async switchOff(outputId: string, channel: number, source: string): Promise<string> {
    const { backend, state } = await this.target(outputId, channel);
    if (state.duty !== null && backend.duty) await backend.duty(channel, 0);
    else if (state.value !== null && backend.value) await backend.value(channel, 0);
    else await backend.off(channel);
    if (state.on) await this.recordPeriod(outputId, channel, state, this.clock.nowMs());
    Object.assign(state, { on: false, duty: state.duty === null ? null : 0, value: state.value === null ? null : 0, onSince: null, onUntil: null, lastAmount: null });
    this.changed(outputId, channel, 'off', null, source);
    return `output ${outputId} CH${channel} off`;
  }

  /** Records the time on since `onSince` as duration_time (s), stamped at the start; negative for negative amounts. */
  private async recordPeriod(outputId: string, channel: number, state: ChannelState, now: number): Promise<void> {
    if (state.onSince === null) return;
    const seconds = round((now - state.onSince) / SEC);
    const sign = state.lastAmount !== null && state.lastAmount < 0 ? -1 : 1;
    await this.measurements.record([{ device_id: outputId, unit: 's', channel, measure: 'duration_time', time: new Date(state.onSince), value: sign * seconds }]);
    state.onSince = now;
  }

  private changed(outputId: string, channel: number, state: OutputStateValue, duration: number | null, source: string): void {
    this.bus.publish('daemon.output-changed', { output_id: outputId, channel, state, duration, source });
  }

  private async target(outputId: string, channel: number): Promise<{ backend: OutputBackend; state: ChannelState }> {
    const device = this.devices.get(outputId);
    if (!device?.channels.some((c) => c.channel === channel)) throw refused(`output channel doesn't exist: ${channel}`);
    return { backend: await this.backend(outputId), state: this.state(outputId, channel) };
  }

  private backend(outputId: string): Promise<OutputBackend> {
    let backend = this.backends.get(outputId);
    if (backend) return backend;
    const device = this.devices.get(outputId);
    if (!device) return Promise.reject(refused(`output ${outputId} is not loaded`));
    const factory = this.factories.find((f) => f.outputType === device.output.output_type);
    if (!factory) return Promise.reject(refused(`no back-end for output type ${device.output.output_type}`));
    const created = factory.create(device.output, device.channels.map((c) => ({ channel: c.channel, options: c.custom_options })));
    backend = created.setup().then(() => created);
    backend.catch(() => this.backends.delete(outputId));
    this.backends.set(outputId, backend);
    return backend;
  }

  private state(outputId: string, channel: number): ChannelState {
    const key = `${outputId}/${channel}`;
    let state = this.states.get(key);
    if (!state) {
      state = { on: false, duty: null, value: null, onSince: null, onUntil: null, offUntil: 0, lastAmount: null };
      this.states.set(key, state);
    }
    return state;
  }

  private option(outputId: string, channel: number, key: string): unknown {
    return this.devices.get(outputId)?.channels.find((c) => c.channel === channel)?.custom_options[key];
  }

  private locked<T>(outputId: string, work: () => Promise<T>): Promise<T> {
    let lock = this.locks.get(outputId);
    if (!lock) this.locks.set(outputId, (lock = new Mutex()));
    return lock.runExclusive(work).catch((err: unknown) => {
      // A back-end failure (hardware, a command's exit status) is the device's, not the caller's: 502 with its message.
      if (err instanceof HttpException) throw err;
      throw new MycodoError(HttpStatus.BAD_GATEWAY, `Fail: output ${outputId}: ${(err as Error).message}`);
    });
  }
}
