import { assertCapable, GpioUnavailableError, type EdgeListener, type GpioDriver, type Level, type PinCapability, type PinMode, type PwmSetting } from './gpio-driver';

export interface SimulatedPinState {
  mode: PinMode | 'unclaimed';
  level: Level;
  pwm?: PwmSetting;
}

/**
 * In-memory GPIO for machines without a chip, and the test fixture: deterministic (no timers,
 * no randomness), its state readable with `state()`, input edges injectable with `injectEdge()`.
 * Inputs read low until an edge is injected, like a pulled-down line.
 */
export class SimulatedGpioDriver implements GpioDriver {
  readonly name = 'simulated' as const;
  private readonly pins: SimulatedPinState[];
  private readonly listeners = new Map<number, Set<EdgeListener>>();
  private available = true;
  /** Every write, in order, for tests that check sequences (a stepper's coil pattern). */
  readonly writes: { pin: number; level: Level }[] = [];

  constructor(private readonly count = 28) {
    this.pins = Array.from({ length: count }, () => ({ mode: 'unclaimed', level: 0 }));
  }

  lineCount(): number {
    this.ensureAvailable();
    return this.count;
  }

  capabilities(): PinCapability[] {
    return this.pins.map((_, pin) => ({ pin, modes: ['input', 'output', 'pwm'] }));
  }

  setInput(pin: number): void {
    this.claim(pin, 'input');
    this.pins[pin].pwm = undefined;
  }

  setOutput(pin: number, level: Level): void {
    this.claim(pin, 'output');
    this.pins[pin].pwm = undefined;
    this.drive(pin, level);
  }

  read(pin: number): Level {
    this.ensureAvailable();
    assertCapable(this, pin, 'input');
    return this.pins[pin].level;
  }

  write(pin: number, level: Level): void {
    this.ensureAvailable();
    if (this.pins[pin]?.mode !== 'output') throw new Error(`GPIO ${pin} is not an output`);
    this.drive(pin, level);
  }

  setPwm(pin: number, setting: PwmSetting): void {
    this.claim(pin, 'pwm');
    this.pins[pin].pwm = { ...setting };
    this.pins[pin].level = 0;
  }

  watch(pin: number, listener: EdgeListener): () => void {
    this.ensureAvailable();
    assertCapable(this, pin, 'input');
    const set = this.listeners.get(pin) ?? new Set();
    set.add(listener);
    this.listeners.set(pin, set);
    return () => set.delete(listener);
  }

  release(pin: number): void {
    assertCapable(this, pin, 'input');
    this.listeners.delete(pin);
    this.pins[pin] = { mode: 'unclaimed', level: 0 };
  }

  close(): void {
    this.listeners.clear();
    this.pins.forEach((_, pin) => (this.pins[pin] = { mode: 'unclaimed', level: 0 }));
  }

  // --- test and inspection helpers (not part of GpioDriver) ---

  /** A copy of one pin's state. */
  state(pin: number): SimulatedPinState {
    const p = this.pins[pin];
    return { mode: p.mode, level: p.level, pwm: p.pwm && { ...p.pwm } };
  }

  /** Sets an input pin's level as the outside world would; watchers hear it if the level changed. */
  injectEdge(pin: number, level: Level): void {
    const p = this.pins[pin];
    if (p.mode !== 'input') throw new Error(`GPIO ${pin} is not an input`);
    if (p.level === level) return;
    p.level = level;
    for (const listener of this.listeners.get(pin) ?? []) listener(level);
  }

  /** false makes every call fail as an absent backend would (GpioUnavailableError). */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  private claim(pin: number, mode: PinMode): void {
    this.ensureAvailable();
    assertCapable(this, pin, mode);
    if (mode !== 'input') this.listeners.delete(pin);
    this.pins[pin].mode = mode;
  }

  private drive(pin: number, level: Level): void {
    this.pins[pin].level = level;
    this.writes.push({ pin, level });
  }

  private ensureAvailable(): void {
    if (!this.available) throw new GpioUnavailableError('simulated GPIO backend switched off');
  }
}
