import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, EventBus } from '@app/core';
import { GPIO_DRIVER, GpioPinRepository, PinClaimedError, PinClaims, type GpioDriver, type GpioPinChangedEvent, type GpioPinEntity, type Level, type PinClaimMode } from '@app/gpio';
import { AllskyHttpError, backendFailure, pythonInt, pythonStr } from '../allsky-errors';
import { normalisePin } from './pin-name';

export type OnOff = 'on' | 'off';
export type GpioLine = { mode: 'unused' } | { mode: 'digital-input' | 'digital-output'; value: OnOff } | { mode: 'pwm'; frequency: number; duty: number };
export interface GpioStatus {
  digital: Record<string, OnOff>;
  pwm: Record<string, { frequency: number; duty: number }>;
}

type Claim = Omit<GpioPinEntity, 'updatedAt'>;

/** The PinClaims owner of every pin the /gpio routes drive. */
export const GPIO_ROUTES_OWNER = 'gpio routes';

const onOff = (level: Level): OnOff => (level ? 'on' : 'off');
const dutyPercent = (duty: number) => Math.round((duty / 65535) * 100 * 100) / 100;

/**
 * The Allsky Server's GPIO semantics (reads claim inputs, writes and PWM take a pin over, a
 * digital read of a PWM pin is refused) over any GpioDriver, with claims and names persisted.
 * Every pin it drives is claimed in PinClaims, so pins another feature holds answer 409.
 */
@Injectable()
export class GpioService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Gpio');
  private readonly claims = new Map<number, Claim>();
  private readonly unwatch = new Map<number, () => void>();

  constructor(
    @Inject(GPIO_DRIVER) private readonly driver: GpioDriver,
    private readonly repository: GpioPinRepository,
    private readonly pinClaims: PinClaims,
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {}

  /** Re-claims persisted pins and drives outputs to the configured safe state (GPIO_SAFE_STATE). */
  async onApplicationBootstrap(): Promise<void> {
    const safe = this.config.hardware.gpioSafeState;
    for (const stored of await this.repository.list()) {
      const claim: Claim = { pin: stored.pin, mode: stored.mode, level: stored.level, frequency: stored.frequency, duty: stored.duty, name: stored.name };
      if (safe !== 'restore' && claim.mode === 'digital-output') claim.level = safe === 'on' ? 1 : 0;
      if (safe !== 'restore' && claim.mode === 'pwm') claim.duty = safe === 'on' ? 65535 : 0;
      try {
        this.pinClaims.claim(GPIO_ROUTES_OWNER, [claim.pin]);
        this.apply(claim);
        this.claims.set(claim.pin, claim);
        await this.repository.save(claim);
        this.publish(claim, 'startup');
      } catch (err) {
        if (!(err instanceof PinClaimedError)) this.pinClaims.release(GPIO_ROUTES_OWNER, [claim.pin]);
        this.logger.warn(`could not restore GPIO ${claim.pin} (${claim.mode}): ${(err as Error).message}`);
      }
    }
    this.logger.log(`GPIO driver ${this.driver.name}; ${this.claims.size} persisted pin(s) restored, outputs ${safe === 'restore' ? 'at their last level' : safe}`);
  }

  onModuleDestroy(): void {
    this.unwatch.forEach((stop) => stop());
    this.driver.close();
  }

  /** How another feature's refused claim reads: a pin of the /gpio routes is named by its /gpio name. */
  describeClash(err: PinClaimedError): string {
    if (err.owner !== GPIO_ROUTES_OWNER) return err.message;
    const name = this.claims.get(err.pin)?.name;
    return `GPIO pin ${err.pin} is in use on /gpio${name ? ` as "${name}"` : ''}`;
  }

  driverName(): string {
    return this.driver.name;
  }

  count(): number {
    return this.guard('count GPIO lines', () => this.driver.lineCount());
  }

  all(): Record<string, GpioLine> {
    return this.guard('list GPIO pins', () => {
      const lines: Record<string, GpioLine> = {};
      for (let pin = 0; pin < this.driver.lineCount(); pin++) lines[`D${pin}`] = this.line(pin);
      return lines;
    });
  }

  status(): GpioStatus {
    return this.guard('read GPIO status', () => {
      const status: GpioStatus = { digital: {}, pwm: {} };
      for (const claim of this.sortedClaims()) {
        if (claim.mode === 'pwm') status.pwm[claim.pin] = { frequency: claim.frequency ?? 0, duty: claim.duty ?? 0 };
        else status.digital[claim.pin] = onOff(this.driver.read(claim.pin));
      }
      return status;
    });
  }

  /** Names by pin, for the HTML fragment. */
  names(): Map<number, string> {
    return new Map([...this.claims.values()].map((c) => [c.pin, c.name]));
  }

  async readDigital(rawPin: unknown): Promise<{ pin: string; value: OnOff; name: string }> {
    const pin = this.pin(rawPin);
    const existing = this.claims.get(pin);
    if (existing?.mode === 'pwm') throw new AllskyHttpError(HttpStatus.CONFLICT, `GPIO pin ${pin} is currently configured for PWM`);
    const value = this.guard(`read GPIO pin ${pin}`, () => {
      if (!existing) this.apply({ pin, mode: 'digital-input', level: 0, frequency: null, duty: null, name: '' });
      return onOff(this.driver.read(pin));
    });
    if (!existing) await this.remember({ pin, mode: 'digital-input', level: 0, frequency: null, duty: null, name: '' });
    return { pin: String(pin), value, name: this.claims.get(pin)?.name ?? '' };
  }

  async writeDigital(body: Record<string, unknown>): Promise<{ pin: string; state: OnOff }> {
    const pin = this.pin(body.pin);
    const level: Level = pythonStr(body.state).toLowerCase() === 'on' ? 1 : 0;
    const claim: Claim = { pin, mode: 'digital-output', level, frequency: null, duty: null, name: this.nameFor(pin, body.name) };
    this.guard(`set GPIO pin ${pin}`, () => this.apply(claim));
    await this.remember(claim, 'request');
    return { pin: String(pin), state: onOff(level) };
  }

  async setPwm(body: Record<string, unknown>): Promise<{ pin: string; frequency: number; duty: number; duty_percent: number }> {
    const pin = this.pin(body.pin);
    const frequency = pythonInt(body.frequency ?? 1000);
    const duty = pythonInt(body.duty ?? 0);
    if (frequency <= 0) throw new AllskyHttpError(HttpStatus.BAD_REQUEST, 'Frequency must be greater than 0');
    if (duty < 0 || duty > 65535) throw new AllskyHttpError(HttpStatus.BAD_REQUEST, 'Duty must be between 0 and 65535');
    const claim: Claim = { pin, mode: 'pwm', level: 0, frequency, duty, name: this.nameFor(pin, body.name) };
    this.guard(`set PWM on GPIO pin ${pin}`, () => this.apply(claim));
    await this.remember(claim, 'request');
    return { pin: String(pin), frequency, duty, duty_percent: dutyPercent(duty) };
  }

  private line(pin: number): GpioLine {
    const claim = this.claims.get(pin);
    if (!claim) return { mode: 'unused' };
    if (claim.mode === 'pwm') return { mode: 'pwm', frequency: claim.frequency ?? 0, duty: claim.duty ?? 0 };
    return { mode: claim.mode, value: onOff(this.driver.read(pin)) };
  }

  /** Puts the driver into the claim's state; an input is watched so its edges become events. */
  private apply(claim: Claim): void {
    this.unwatch.get(claim.pin)?.();
    this.unwatch.delete(claim.pin);
    if (claim.mode === 'digital-output') this.driver.setOutput(claim.pin, claim.level ? 1 : 0);
    if (claim.mode === 'pwm') this.driver.setPwm(claim.pin, { frequency: claim.frequency ?? 1000, duty: claim.duty ?? 0 });
    if (claim.mode === 'digital-input') {
      this.driver.setInput(claim.pin);
      this.unwatch.set(claim.pin, this.driver.watch(claim.pin, (level) => this.publish({ ...claim, name: this.claims.get(claim.pin)?.name ?? claim.name, level }, 'edge')));
    }
  }

  private async remember(claim: Claim, source?: GpioPinChangedEvent['source']): Promise<void> {
    this.pinClaims.claim(GPIO_ROUTES_OWNER, [claim.pin]);
    this.claims.set(claim.pin, claim);
    await this.repository.save(claim);
    if (source) this.publish(claim, source);
  }

  private publish(claim: Claim, source: GpioPinChangedEvent['source']): void {
    const event: GpioPinChangedEvent = { pin: claim.pin, name: claim.name, mode: claim.mode as PinClaimMode, source };
    if (claim.mode === 'pwm') Object.assign(event, { frequency: claim.frequency, duty: claim.duty });
    else event.value = onOff(claim.level ? 1 : 0);
    this.bus.publish('gpio.pin-changed', event);
  }

  /** A new name when the request gives one, otherwise the pin keeps its name. */
  private nameFor(pin: number, raw: unknown): string {
    return typeof raw === 'string' ? raw.trim() : (this.claims.get(pin)?.name ?? '');
  }

  private pin(raw: unknown): number {
    const count = this.guard('count GPIO lines', () => this.driver.lineCount());
    const pin = normalisePin(raw, count);
    const owner = this.pinClaims.ownerOf(pin);
    if (owner !== undefined && owner !== GPIO_ROUTES_OWNER) throw new AllskyHttpError(HttpStatus.CONFLICT, new PinClaimedError(pin, owner).message);
    return pin;
  }

  private sortedClaims(): Claim[] {
    return [...this.claims.values()].sort((a, b) => a.pin - b.pin);
  }

  private guard<T>(failedTo: string, action: () => T): T {
    try {
      return action();
    } catch (err) {
      throw backendFailure(err, failedTo);
    }
  }
}
