import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import { GPIO_DRIVER, PinClaimedError, PinClaims, type GpioDriver } from '@app/gpio';
import { AllskyHttpError, backendFailure } from '../allsky-errors';
import type { FocuserMoveEvent } from '../events/allsky.events';
import { GpioService } from '../gpio/gpio.service';
import { DEFAULT_FOCUSER_SETTINGS, parseFocuserSettings, type FocuserSettings } from './focuser-settings';
import { FocuserStateRepository } from './focuser-state.repository';
import { Stepper, type Direction, type Speed } from './stepper';

export interface FocuserMove {
  id: string;
  direction: Direction;
  speed: Speed;
  steps: number;
  done: number;
  state: FocuserMoveEvent['state'];
  startedAt: string;
  finishedAt: string | null;
  error?: string;
}

export interface FocuserStatus {
  position: number;
  moving: boolean;
  enabled: boolean;
  type: FocuserSettings['type'];
  limits: FocuserSettings['limits'];
  move: FocuserMove | null;
}

/** The PinClaims owner of the motor's pins (the /gpio routes answer "GPIO pin 20 is in use by the focuser"). */
const FOCUSER_OWNER = 'focuser';
const badRequest = (error: string) => new AllskyHttpError(HttpStatus.BAD_REQUEST, error);
const settingsError = (status: number, error: string) => new HttpException({ ok: false, error }, status);

/**
 * The focuser motor: Allsky Server routes and settings, plus a tracked position persisted in the
 * database, travel limits, and non-blocking moves that can be aborted and report progress events.
 * "out" counts the position up, "in" counts it down.
 */
@Injectable()
export class FocuserService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Focuser');
  private settings: FocuserSettings = DEFAULT_FOCUSER_SETTINGS;
  private position = 0;
  private enabled = false;
  private move?: FocuserMove;
  private running?: Promise<void>;
  private abortRequested = false;

  constructor(
    @Inject(GPIO_DRIVER) private readonly driver: GpioDriver,
    private readonly repository: FocuserStateRepository,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly gpio: GpioService,
    private readonly pinClaims: PinClaims,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.repository.get();
    if (stored) {
      this.settings = { ...DEFAULT_FOCUSER_SETTINGS, ...stored.settings };
      this.position = stored.position;
      // Only saved settings reserve pins: the Allsky defaults would otherwise take 4 pins from every install.
      try {
        this.claimPins(Object.values(this.settings.pins));
      } catch (err) {
        this.logger.warn(`focuser pins overlap /gpio claims: ${(err as Error).message}`);
      }
    }
    this.logger.log(`focuser ${this.settings.type} at position ${this.position}`);
  }

  async onModuleDestroy(): Promise<void> {
    this.abortRequested = true;
    await this.running;
  }

  status(): FocuserStatus {
    return { position: this.position, moving: !!this.running, enabled: this.enabled, type: this.settings.type, limits: this.settings.limits, move: this.move ? { ...this.move } : null };
  }

  getSettings(): { ok: true; settings: FocuserSettings } {
    return { ok: true, settings: this.settings };
  }

  async saveSettings(body: unknown): Promise<{ ok: true; saved: true }> {
    if (this.running) throw settingsError(HttpStatus.CONFLICT, 'The focuser is moving; abort the move first');
    const parsed = parseFocuserSettings(body, this.settings, this.driver.lineCount());
    if (typeof parsed === 'string') throw settingsError(HttpStatus.BAD_REQUEST, parsed);
    try {
      this.claimPins(Object.values(parsed.pins));
    } catch (err) {
      throw settingsError(HttpStatus.CONFLICT, (err as Error).message);
    }
    this.settings = parsed;
    await this.persist();
    return { ok: true, saved: true };
  }

  /** Starts a move in the background; returns once it is under way (status and events report progress). */
  startMove(body: Record<string, unknown>): string {
    const direction = body.direction;
    const speed = body.speed ?? 'slow';
    const steps = body.steps;
    if (direction !== 'in' && direction !== 'out') throw badRequest('direction must be "in" or "out"');
    if (speed !== 'slow' && speed !== 'fast') throw badRequest('speed must be "slow" or "fast"');
    if (!Number.isInteger(steps) || (steps as number) <= 0) throw badRequest('steps must be a positive integer');
    if (this.running) throw new AllskyHttpError(HttpStatus.CONFLICT, 'The focuser is already moving');
    const target = this.position + (direction === 'out' ? 1 : -1) * (steps as number);
    const { min, max } = this.settings.limits;
    if ((min !== null && target < min) || (max !== null && target > max)) {
      throw badRequest(`A move to ${target} is outside the focuser limits ${min ?? '-∞'}..${max ?? '∞'} (position ${this.position})`);
    }
    const move: FocuserMove = { id: randomUUID(), direction, speed, steps: steps as number, done: 0, state: 'moving', startedAt: this.clock.now().toISOString(), finishedAt: null };
    this.move = move;
    this.abortRequested = false;
    this.publish(move);
    this.running = this.run(move).finally(() => (this.running = undefined));
    return 'ok';
  }

  /** Stops the move in progress after its current step; the position counts the steps done. */
  async abort(): Promise<{ ok: true; aborted: boolean; position: number }> {
    const wasMoving = !!this.running;
    this.abortRequested = true;
    await this.running;
    return { ok: true, aborted: wasMoving, position: this.position };
  }

  /** Declares the current position (e.g. 0 at the inner stop) without moving. */
  async setPosition(raw: unknown): Promise<FocuserStatus> {
    if (!Number.isInteger(raw)) throw badRequest('position must be an integer');
    if (this.running) throw new AllskyHttpError(HttpStatus.CONFLICT, 'The focuser is already moving');
    this.position = raw as number;
    await this.persist();
    return this.status();
  }

  setEnabled(enabled: boolean): string {
    try {
      const stepper = new Stepper(this.driver, this.settings);
      if (enabled) stepper.enable();
      else stepper.disable();
    } catch (err) {
      throw backendFailure(err, `${enabled ? 'enable' : 'disable'} the focuser`);
    }
    this.enabled = enabled;
    return 'ok';
  }

  private async run(move: FocuserMove): Promise<void> {
    const sign = move.direction === 'out' ? 1 : -1;
    try {
      await new Stepper(this.driver, this.settings).move(move.direction, move.steps, move.speed, () => this.abortRequested, (done) => {
        move.done = done;
        this.position += sign;
      });
      move.state = move.done < move.steps ? 'aborted' : 'done';
    } catch (err) {
      move.state = 'failed';
      move.error = (err as Error).message;
      this.logger.warn(`focuser move failed after ${move.done} step(s): ${move.error}`);
    }
    move.finishedAt = this.clock.now().toISOString();
    await this.persist().catch((err: Error) => this.logger.error(`could not save the focuser position: ${err.message}`));
    this.publish(move);
  }

  /** Claims the motor's pins in PinClaims and lets go of those it no longer uses; a clash names the pin's holder. */
  private claimPins(pins: number[]): void {
    try {
      this.pinClaims.claim(FOCUSER_OWNER, pins);
    } catch (err) {
      throw err instanceof PinClaimedError ? new Error(this.gpio.describeClash(err)) : err;
    }
    const kept = new Set(pins);
    this.pinClaims.release(FOCUSER_OWNER, Object.values(this.settings.pins).filter((pin) => !kept.has(pin)));
  }

  private publish(move: FocuserMove): void {
    this.bus.publish('focuser.move', { id: move.id, direction: move.direction, steps: move.steps, done: move.done, position: this.position, state: move.state, ...(move.error ? { error: move.error } : {}) });
  }

  private persist(): Promise<void> {
    return this.repository.save({ settings: this.settings, position: this.position });
  }
}
