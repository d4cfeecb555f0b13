import type { GuiderDriver, GuiderStatus, GuideStep } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

/** A guider that "guides" with a small deterministic periodic error, so graphs and RMS have data. */
export class SimulatedGuider extends SimulatedDevice implements GuiderDriver {
  readonly type = 'guider' as const;
  private state: GuiderStatus['state'] = 'Stopped';
  private calibrated = false;
  private readonly steps: GuideStep[] = [];

  constructor() {
    super(simulatorIdentity('Guider Simulator', 'skygate.sim.guider'));
  }

  status(): GuiderStatus {
    if (this.state === 'Guiding') this.addStep();
    return { state: this.state, pixelScale: 1.6, calibrated: this.calibrated, steps: this.steps.slice(-100) };
  }

  start(calibrate: boolean): Promise<void> {
    if (calibrate || !this.calibrated) this.calibrated = true;
    this.state = 'Guiding';
    this.emit('GUIDER-START');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.state = 'Stopped';
    this.emit('GUIDER-STOP');
    return Promise.resolve();
  }

  clearCalibration(): Promise<void> {
    this.calibrated = false;
    return Promise.resolve();
  }

  private addStep(): void {
    const n = this.steps.length;
    const ra = 0.4 * Math.sin(n / 3);
    const dec = 0.25 * Math.cos(n / 5);
    this.steps.push({ raDistance: ra, decDistance: dec, raDurationMs: Math.round(Math.abs(ra) * 200), decDurationMs: Math.round(Math.abs(dec) * 200) });
  }
}
