import type { Clock } from '@app/core';
import type { DeviceType } from '../../devices/device-types';
import type { DeviceDriver, DriverFactory } from '../device-driver';
import { SimulatedCamera } from './simulated-camera';
import { SimulatedGuider } from './simulated-guider';
import { SimulatedMount } from './simulated-mount';
import { SimulatedDome, SimulatedFlatDevice, SimulatedSafetyMonitor, SimulatedSwitch, SimulatedWeather } from './simulated-observatory';
import { SimulatedFilterWheel, SimulatedFocuser, SimulatedRotator } from './simulated-optics';

/** The default driver: every device simulated in process. */
export class SimulatorDriverFactory implements DriverFactory {
  readonly name = 'simulator' as const;

  constructor(private readonly clock: Clock) {}

  supports(): boolean {
    return true;
  }

  create(type: DeviceType): DeviceDriver {
    switch (type) {
      case 'camera':
        return new SimulatedCamera(this.clock);
      case 'mount':
        return new SimulatedMount(this.clock);
      case 'focuser':
        return new SimulatedFocuser();
      case 'rotator':
        return new SimulatedRotator();
      case 'filterwheel':
        return new SimulatedFilterWheel();
      case 'dome':
        return new SimulatedDome();
      case 'switch':
        return new SimulatedSwitch();
      case 'guider':
        return new SimulatedGuider();
      case 'flatdevice':
        return new SimulatedFlatDevice();
      case 'safetymonitor':
        return new SimulatedSafetyMonitor();
      case 'weather':
        return new SimulatedWeather();
    }
  }
}
