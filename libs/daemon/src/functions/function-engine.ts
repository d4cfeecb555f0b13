import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import { EquipmentRegistry } from '@app/equipment';
import type { FunctionEntity } from '../entities/function.entity';
import { MeasurementsService } from '../measurements/measurements.service';
import { MQTT_PUBLISHER, type MqttPublisher } from '../outputs/output-backend';
import { OutputControlService } from '../outputs/output-control.service';
import { compare, withinTime, type EquipmentAction, type FunctionAction, type FunctionCondition } from './function-rules';

/** How deep "run another function" may nest before it is refused (a loop guard). */
const MAX_DEPTH = 4;

export interface Evaluation {
  holds: boolean;
  /** Each condition in words, e.g. "safety monitor reports unsafe". */
  reasons: string[];
}

/**
 * Evaluates a function's conditions over measurements, output states, the Equipment safety
 * monitor and weather, and the time; runs its actions in order. An action that fails does not
 * stop the next one; its failure is in the result.
 */
@Injectable()
export class FunctionEngine {
  constructor(
    private readonly measurements: MeasurementsService,
    private readonly outputs: OutputControlService,
    private readonly equipment: EquipmentRegistry,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    @Optional() @Inject(MQTT_PUBLISHER) private readonly mqtt: MqttPublisher | null,
  ) {}

  async evaluate(fn: Pick<FunctionEntity, 'conditions'>): Promise<Evaluation> {
    const reasons: string[] = [];
    for (const condition of fn.conditions) {
      const [holds, reason] = await this.check(condition);
      if (!holds) return { holds: false, reasons: [reason] };
      reasons.push(reason);
    }
    return { holds: fn.conditions.length > 0, reasons };
  }

  /** Runs the actions and publishes `daemon.function-fired` with the reason. */
  async fire(fn: Pick<FunctionEntity, 'unique_id' | 'name' | 'actions'>, reason: string, lookup: (id: string) => Promise<FunctionEntity | null>, depth = 0): Promise<string[]> {
    const results: string[] = [];
    for (const action of fn.actions) {
      try {
        results.push(await this.run(action, fn, reason, lookup, depth));
      } catch (err) {
        results.push(`${action.type} failed: ${(err as Error).message}`);
      }
    }
    this.bus.publish('daemon.function-fired', { function_id: fn.unique_id, name: fn.name, reason, results });
    return results;
  }

  private async check(c: FunctionCondition): Promise<[boolean, string]> {
    switch (c.type) {
      case 'measurement': {
        const last = await this.measurements.last({ device_id: c.device_id, unit: c.unit, channel: c.channel }, c.max_age);
        if (!last) return [false, `no ${c.unit} value of ${c.device_id} CH${c.channel} in the last ${c.max_age} s`];
        return [compare(last.value, c.operator, c.value), `${c.device_id} CH${c.channel} is ${last.value} ${c.unit} (${c.operator} ${c.value})`];
      }
      case 'output_state': {
        const on = this.outputs.isOn(c.output_id, c.channel);
        return [on === (c.state === 'on'), `output ${c.output_id} CH${c.channel} is ${on ? 'on' : 'off'}`];
      }
      case 'safety': {
        const connected = this.equipment.connected('safetymonitor');
        const safe = connected && this.equipment.get('safetymonitor').isSafe();
        return [safe === c.safe, connected ? `safety monitor reports ${safe ? 'safe' : 'unsafe'}` : 'safety monitor is not connected (counted as unsafe)'];
      }
      case 'weather': {
        if (!this.equipment.connected('weather')) return [false, 'weather device is not connected'];
        const value = (this.equipment.get('weather').readings() as unknown as Record<string, number | null>)[c.field];
        if (typeof value !== 'number') return [false, `weather ${c.field} is not reported`];
        return [compare(value, c.operator, c.value), `weather ${c.field} is ${value} (${c.operator} ${c.value})`];
      }
      case 'time':
        return [withinTime(this.clock.now(), c.after, c.before), `time is between ${c.after} and ${c.before} UTC`];
    }
  }

  private async run(
    a: FunctionAction,
    fn: Pick<FunctionEntity, 'unique_id' | 'name'>,
    reason: string,
    lookup: (id: string) => Promise<FunctionEntity | null>,
    depth: number,
  ): Promise<string> {
    switch (a.type) {
      case 'output':
        if (a.duty_cycle !== undefined) return this.outputs.duty(a.output_id, a.channel, a.duty_cycle, 'function');
        return a.state ? this.outputs.on(a.output_id, a.channel, { duration: a.duration, source: 'function' }) : this.outputs.off(a.output_id, a.channel, 'function');
      case 'function': {
        if (depth >= MAX_DEPTH) throw new Error(`functions nested deeper than ${MAX_DEPTH} (a loop?)`);
        const other = await lookup(a.function_id);
        if (!other) throw new Error(`function ${a.function_id} not found`);
        const results = await this.fire(other, `run by "${fn.name}": ${reason}`, lookup, depth + 1);
        return `function "${other.name}": ${results.join('; ')}`;
      }
      case 'webhook': {
        const res = await fetch(a.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ function_id: fn.unique_id, name: fn.name, reason }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw new Error(`${a.url} answered ${res.status}`);
        return `webhook ${a.url} answered ${res.status}`;
      }
      case 'mqtt':
        if (!this.mqtt) throw new Error('no MQTT client is configured');
        await this.mqtt.publish(a.topic, a.payload);
        return `published to ${a.topic}`;
      case 'equipment':
        return this.equipmentAction(a.action);
    }
  }

  private async equipmentAction(action: EquipmentAction): Promise<string> {
    switch (action) {
      case 'park_mount': {
        const mount = this.equipment.require('mount');
        if (mount.status().atPark) return 'mount already parked';
        await mount.park();
        return 'mount parked';
      }
      case 'close_dome': {
        const dome = this.equipment.require('dome');
        if (dome.status().shutter === 'ShutterClosed') return 'dome already closed';
        await dome.closeShutter();
        return 'dome closed';
      }
      case 'open_dome':
        await this.equipment.require('dome').openShutter();
        return 'dome opened';
      case 'park_dome':
        await this.equipment.require('dome').park();
        return 'dome parked';
      case 'stop_guiding':
        await this.equipment.require('guider').stop();
        return 'guiding stopped';
    }
  }
}
