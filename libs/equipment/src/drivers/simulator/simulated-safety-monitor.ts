import type { SafetyMonitorDriver } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

/** Safe while the simulated weather is calm; `setSafe` lets tests and the CLI change it. */
export class SimulatedSafetyMonitor extends SimulatedDevice implements SafetyMonitorDriver {
  readonly type = 'safetymonitor' as const;
  private safe = true;

  constructor() {
    super(simulatorIdentity('Safety Monitor Simulator', 'skygate.sim.safetymonitor'));
  }

  isSafe(): boolean {
    return this.safe;
  }

  setSafe(safe: boolean): void {
    if (safe === this.safe) return;
    this.safe = safe;
    this.emit('SAFETY-CHANGED', { IsSafe: safe });
  }
}
