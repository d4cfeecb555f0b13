import { ServiceControlError, type ServiceAction, type ServiceManager, type ServiceState } from './service-manager';

/** In-memory services for machines without systemd and for tests; `failNext` makes the next action fail. */
export class SimulatedServiceManager implements ServiceManager {
  readonly name = 'simulated' as const;
  private readonly states = new Map<string, ServiceState>();
  private failure?: string;
  /** Every action carried out, in order. */
  readonly actions: { action: ServiceAction; unit: string }[] = [];

  async control(action: ServiceAction, unit: string): Promise<void> {
    if (this.failure) {
      const message = this.failure;
      this.failure = undefined;
      throw new ServiceControlError(`${action} ${unit} failed: ${message}`);
    }
    this.actions.push({ action, unit });
    this.states.set(unit, action === 'stop' ? 'inactive' : 'active');
  }

  async state(unit: string): Promise<ServiceState> {
    return this.states.get(unit) ?? 'inactive';
  }

  failNext(message: string): void {
    this.failure = message;
  }
}
