import { existsSync } from 'node:fs';
import type { HardwareConfig } from '@app/core';
import type { ServiceManager } from './service-manager';
import { SimulatedServiceManager } from './simulated.service-manager';
import { SystemdServiceManager } from './systemd.service-manager';

/** auto: systemd when it is the running init (sd_booted's check), otherwise simulated. */
export function createServiceManager(choice: HardwareConfig['serviceManager'], systemdBooted = existsSync('/run/systemd/system')): ServiceManager {
  if (choice === 'systemd' || (choice === 'auto' && systemdBooted)) return new SystemdServiceManager();
  return new SimulatedServiceManager();
}
