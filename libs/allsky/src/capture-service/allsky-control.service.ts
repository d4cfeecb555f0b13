import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppConfig, EventBus } from '@app/core';
import { AllskyHttpError } from '../allsky-errors';
import { readAllskyStatusFile, renderAllskyStatusHtml, statusFromServiceState, type AllskyStatusFile } from './allsky-status';
import { SERVICE_MANAGER, type ServiceAction, type ServiceManager, type ServiceState } from './service-manager';

export interface AllskyStatus {
  allsky: AllskyStatusFile | Record<string, never>;
  modules: Record<string, unknown>;
  debug: Record<string, unknown>;
  service: { unit: string; manager: string; state: ServiceState };
  status_html: string;
}

/** Status and control of the allsky capture service (ALLSKY_SERVICE_UNIT) through the ServiceManager. */
@Injectable()
export class AllskyControlService {
  constructor(
    @Inject(SERVICE_MANAGER) private readonly manager: ServiceManager,
    private readonly config: AppConfig,
    private readonly bus: EventBus,
  ) {}

  private get unit(): string {
    return this.config.hardware.serviceUnit;
  }

  async status(): Promise<AllskyStatus> {
    const [file, state] = await Promise.all([readAllskyStatusFile(this.config.hardware.allskyHome), this.manager.state(this.unit)]);
    return {
      allsky: file ?? {},
      modules: {},
      debug: {},
      service: { unit: this.unit, manager: this.manager.name, state },
      status_html: renderAllskyStatusHtml(file?.status ?? statusFromServiceState(state)),
    };
  }

  async start(): Promise<{ status: string }> {
    await this.control('start');
    return { status: 'Allsky started' };
  }

  async restart(): Promise<{ status: string }> {
    await this.control('restart');
    return { status: 'Allsky started' };
  }

  async stop(): Promise<{ status: string }> {
    await this.control('stop');
    return { status: 'Allsky stopped' };
  }

  /** Runs the action; a failure is a 500 in the Allsky Server's error shape (it would have said 200). */
  private async control(action: ServiceAction): Promise<void> {
    try {
      await this.manager.control(action, this.unit);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      throw new AllskyHttpError(HttpStatus.INTERNAL_SERVER_ERROR, `Failed to ${action} ${this.unit}`, { type: e.name, message: e.message });
    }
    const state = await this.manager.state(this.unit);
    this.bus.publish('allsky.service-changed', { unit: this.unit, action, state });
  }
}
