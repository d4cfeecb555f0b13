import { DeviceRefusal } from '../contract/device-driver';
import type { SwitchDriver, SwitchPort } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

export class SimulatedSwitch extends SimulatedDevice implements SwitchDriver {
  readonly type = 'switch' as const;
  private readonly switches: SwitchPort[] = [
    { id: 0, name: 'Power 12V', description: 'Main 12 V output', writable: true, min: 0, max: 1, step: 1, value: 1 },
    { id: 1, name: 'Dew heater', description: 'Dew heater PWM (%)', writable: true, min: 0, max: 100, step: 1, value: 0 },
    { id: 2, name: 'Input voltage', description: 'Supply voltage (V)', writable: false, min: 0, max: 20, step: 0.1, value: 13 },
  ];

  constructor() {
    super(simulatorIdentity('Switch Simulator', 'skygate.sim.switch'));
  }

  ports(): SwitchPort[] {
    return this.switches.map((s) => ({ ...s }));
  }

  setValue(id: number, value: number): Promise<void> {
    const port = this.switches.find((s) => s.id === id);
    if (!port || !port.writable) throw new DeviceRefusal('Invalid switch index', 400);
    this.requireRange('value', value, port.min, port.max);
    port.value = value;
    return Promise.resolve();
  }
}
