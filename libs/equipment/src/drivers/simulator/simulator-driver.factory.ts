import type { Clock } from '@app/core';
import type { DeviceType } from '../contract/device-types';
import type { DeviceDriver, DriverFactory } from '../contract/device-driver';
import { SimulatedCamera } from './simulated-camera';
import { SimulatedDome } from './simulated-dome';
import { SimulatedFilterWheel } from './simulated-filter-wheel';
import { SimulatedFlatDevice } from './simulated-flat-device';
import { SimulatedFocuser } from './simulated-focuser';
import { SimulatedGuider } from './simulated-guider';
import { SimulatedMount } from './simulated-mount';
import { SimulatedRotator } from './simulated-rotator';
import { SimulatedSky } from './simulated-sky';
import { SimulatedSafetyMonitor } from './simulated-safety-monitor';
import { SimulatedSwitch } from './simulated-switch';
import { SimulatedWeather } from './simulated-weather';

/** The default driver: every device simulated in process. */
export class SimulatorDriverFactory implements DriverFactory {
  readonly name = 'simulator' as const;

  /** One sky per factory: its mount's syncs move what its camera images. */
  private readonly sky?: SimulatedSky;

  /** indexDir: the astrometry.net index files whose stars the camera images (none: a synthetic field). */
  constructor(
    private readonly clock: Clock,
    indexDir?: string,
  ) {
    this.sky = indexDir === undefined ? undefined : new SimulatedSky(indexDir);
  }

  supports(): boolean {
    return true;
  }

  create(type: DeviceType): DeviceDriver {
    switch (type) {
      case 'camera':
        return new SimulatedCamera(this.clock, this.sky);
      case 'mount':
        return new SimulatedMount(this.clock, this.sky);
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
