import { DeviceRefusal } from '../contract/device-driver';
import type { SwitchDriver, SwitchPort } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';
import type { IndiProperty } from './indi-protocol';

/** Where a port's value lives: one element of one property. */
interface PortSource {
  port: SwitchPort;
  property: IndiProperty;
  /** The element set On (binary) or given the value (numbers). */
  element: string;
  /** Binary ports write `<element>=On` for 1 and `<offElement>=On` for 0 (DIGITAL_OUTPUT ON/OFF pairs). */
  offElement?: string;
}

const DIGITAL_OUTPUT = /^DIGITAL_OUTPUT_(\d+)$/;

/**
 * Power boxes and relay boards. INDI 1.9.9 has no switch interface; INDI ≥ 2.0.9 defines one
 * OneOfMany vector per output, DIGITAL_OUTPUT_<n> with ON/OFF, and power boxes (Pegasus UPB and
 * PPB, and others) use POWER_CONTROL: one AnyOfMany vector with an On/Off element per port,
 * DEW_PWM numbers (percent) and POWER_SENSORS read-only numbers. Ports are numbered in that
 * order: DIGITAL_OUTPUT_<n> by n, then POWER_CONTROL, DEW_PWM and POWER_SENSORS elements.
 */
export class IndiSwitch extends IndiDevice implements SwitchDriver {
  readonly type = 'switch' as const;

  override async connect(): Promise<void> {
    if (!this.deviceName) throw new DeviceRefusal('No INDI switch device configured (profile IndiSettings-Devices-switch)', 409);
    await super.connect();
  }

  ports(): SwitchPort[] {
    return this.sources().map((s) => s.port);
  }

  async setValue(id: number, value: number): Promise<void> {
    const source = this.sources().find((s) => s.port.id === id);
    if (!source || !source.port.writable) throw new DeviceRefusal('Invalid switch index', 400);
    const { port, property, element, offElement } = source;
    if (!Number.isFinite(value) || value < port.min || value > port.max) throw new DeviceRefusal(`value must be between ${port.min} and ${port.max}`, 400);
    if (property.kind === 'Number') {
      await this.client.change('Number', this.deviceName, property.name, { [element]: value });
      return;
    }
    if (value !== 0 && value !== 1) throw new DeviceRefusal('value must be 0 or 1 for an on/off switch', 400);
    const values = offElement ? { [value ? element : offElement]: 'On' } : { [element]: value ? 'On' : 'Off' };
    await this.client.change('Switch', this.deviceName, property.name, values);
  }

  private sources(): PortSource[] {
    const properties = this.client.propertiesOf(this.deviceName);
    const outputs = properties
      .filter((p) => p.kind === 'Switch' && DIGITAL_OUTPUT.test(p.name) && p.values.has('ON') && p.values.has('OFF'))
      .sort((a, b) => Number(DIGITAL_OUTPUT.exec(a.name)![1]) - Number(DIGITAL_OUTPUT.exec(b.name)![1]));
    const named = (name: string, kind: IndiProperty['kind']) => properties.filter((p) => p.name === name && p.kind === kind);
    const found: (Omit<PortSource, 'port'> & Pick<SwitchPort, 'name' | 'description' | 'writable'>)[] = [];
    for (const p of outputs) found.push({ property: p, element: 'ON', offElement: 'OFF', name: p.name, description: `${p.name} (INDI digital output)`, writable: p.perm !== 'ro' });
    for (const p of [...named('POWER_CONTROL', 'Switch'), ...named('DEW_PWM', 'Number'), ...named('POWER_SENSORS', 'Number')]) {
      for (const element of p.values.keys()) {
        found.push({ property: p, element, name: p.labels?.get(element) ?? element, description: `${p.name}.${element}`, writable: p.name !== 'POWER_SENSORS' && p.perm !== 'ro' });
      }
    }
    return found.map(({ property, element, offElement, name, description, writable }, id) => {
      const limits = property.kind === 'Number' ? property.limits?.get(element) : undefined;
      const raw = property.values.get(element) ?? '';
      const value = property.kind === 'Number' ? Number(raw) : raw === 'On' ? 1 : 0;
      return { property, element, offElement, port: { id, name, description, writable, min: limits?.min ?? 0, max: limits?.max ?? 1, step: limits ? limits.step || 0 : 1, value } };
    });
  }
}
