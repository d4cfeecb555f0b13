/** Injection token of the active ServiceManager. */
export const SERVICE_MANAGER = Symbol('SERVICE_MANAGER');

export type ServiceAction = 'start' | 'stop' | 'restart';

/** systemd's ActiveState words (`systemctl is-active`); `unknown` when the manager cannot tell. */
export type ServiceState = 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating' | 'reloading' | 'unknown';

/** Starts, stops and inspects a service (the allsky capture unit). */
export interface ServiceManager {
  readonly name: 'systemd' | 'simulated';
  control(action: ServiceAction, unit: string): Promise<void>;
  state(unit: string): Promise<ServiceState>;
}

/** The manager could not carry out the action (systemctl exited non-zero, the unit is unknown...). */
export class ServiceControlError extends Error {
  override name = 'ServiceControlError';
}
