import { Injectable } from '@nestjs/common';
import type { HealthDto } from './health.dto';

/** The optional sections of the /health reply that feature and driver modules fill in. */
export type HealthSections = Pick<HealthDto, 'gpio'>;

/**
 * Where modules core cannot import (GPIO, …) add their named section to /health: each registers
 * a function once at start-up, called on every /health request.
 */
@Injectable()
export class HealthContributors {
  private readonly sections = new Map<keyof HealthSections, () => HealthSections[keyof HealthSections]>();

  register<K extends keyof HealthSections>(name: K, section: () => HealthSections[K]): void {
    this.sections.set(name, section);
  }

  /** Every registered section; one that throws is left out rather than failing /health. */
  collect(): HealthSections {
    const out: HealthSections = {};
    for (const [name, section] of this.sections) {
      try {
        Object.assign(out, { [name]: section() });
      } catch {
        // a broken contributor must not take the health check down with it
      }
    }
    return out;
  }
}
