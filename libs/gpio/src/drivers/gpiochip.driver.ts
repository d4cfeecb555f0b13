import { createRequire } from 'node:module';
import { findPiHeaderChip, PI_HEADER_LINES, type GpioChipInfo } from './gpio-chips';
import { assertCapable, GpioCapabilityError, GpioUnavailableError, type EdgeListener, type GpioDriver, type Level, type PinCapability, type PwmSetting } from './gpio-driver';
import { findHeaderPwmChannels, SysfsPwmOutput, type PwmChannel } from './sysfs-pwm';

/** The part of node-libgpiod (libgpiod 1.x) this driver uses; the package is optional, so no type import. */
export interface LibgpiodLine {
  getValue(): Level;
  setValue(value: Level): void;
  requestInputMode(consumer?: string): void;
  requestOutputMode(consumer?: string, defaultValue?: Level): void;
  release(): void;
}
export interface LibgpiodChip {
  readonly label: string;
  readonly numberOfLines: number;
  readonly lineNames: string[];
  getLine(offset: number): LibgpiodLine;
}
export interface LibgpiodModule {
  Chip: new (device: string) => LibgpiodChip;
  getChipNames(): string[];
}

/** The consumer label the kernel shows for lines Skygate holds (`gpioinfo`). */
export const GPIOCHIP_CONSUMER = 'skygate';

/** How often watched inputs are sampled: node-libgpiod 0.5 requests edge events but cannot read them. */
export const EDGE_POLL_MS = 2;

export interface GpiochipDriverOptions {
  /** Loads node-libgpiod (tests pass an in-memory stand-in). */
  load?: (id: string) => unknown;
  /** Root of sysfs, for the hardware PWM chips under class/pwm (tests pass a fake tree). */
  sysRoot?: string;
  edgePollMs?: number;
}

interface Claim {
  mode: 'input' | 'output' | 'pwm';
  line?: LibgpiodLine;
  pwm?: SysfsPwmOutput;
  level: Level;
  listeners: Set<EdgeListener>;
}

/**
 * GPIO through the kernel's GPIO character device (/dev/gpiochipN) with libgpiod, the interface
 * current kernels keep: works on every Raspberry Pi including the Pi 5's RP1, and on other Linux
 * boards. The header's chip is found by label; BCM GPIO N is its line N. PWM only where a hardware
 * PWM channel reaches the pin (sysfs PWM). Edges are seen by sampling every `edgePollMs`.
 */
export class GpiochipGpioDriver implements GpioDriver {
  readonly name = 'gpiochip' as const;
  /** The chip in use. */
  readonly chip: GpioChipInfo;
  private readonly handle: LibgpiodChip;
  private readonly count: number;
  private readonly lineNames: string[];
  private readonly pwmChannels: Map<number, PwmChannel>;
  private readonly claims = new Map<number, Claim>();
  private readonly edgePollMs: number;
  private poller?: NodeJS.Timeout;

  constructor(options: GpiochipDriverOptions = {}) {
    let gpiod: LibgpiodModule;
    try {
      gpiod = (options.load ?? createRequire(__filename))('node-libgpiod') as LibgpiodModule;
    } catch (err) {
      throw new GpioUnavailableError(`GPIO_DRIVER=gpiochip but the optional package "node-libgpiod" did not load (${(err as Error).message}); install libgpiod-dev (apt) and run npm install node-libgpiod`);
    }
    const chips = openChips(gpiod);
    if (chips.length === 0) throw new GpioUnavailableError('GPIO_DRIVER=gpiochip but this machine has no GPIO character device (/dev/gpiochip*) the user can open');
    const header = findPiHeaderChip(chips);
    const chosen = header ?? chips[0];
    this.handle = chosen.handle;
    this.chip = { device: chosen.device, label: chosen.label, lines: chosen.lines };
    this.count = header ? Math.min(PI_HEADER_LINES, chosen.lines) : chosen.lines;
    this.lineNames = safe(() => this.handle.lineNames) ?? [];
    this.pwmChannels = header ? findHeaderPwmChannels(options.sysRoot) : new Map();
    this.edgePollMs = options.edgePollMs ?? EDGE_POLL_MS;
  }

  lineCount(): number {
    return this.count;
  }

  capabilities(): PinCapability[] {
    return Array.from({ length: this.count }, (_, pin) => ({
      pin,
      modes: this.pwmChannels.has(pin) ? ['input', 'output', 'pwm'] : ['input', 'output'],
      ...(this.lineNames[pin] ? { name: this.lineNames[pin] } : {}),
    }));
  }

  setInput(pin: number): void {
    assertCapable(this, pin, 'input');
    if (this.claims.get(pin)?.mode !== 'input') this.claimInput(pin);
  }

  setOutput(pin: number, level: Level): void {
    assertCapable(this, pin, 'output');
    const claim = this.claims.get(pin);
    if (claim?.mode === 'output' && claim.line) {
      claim.line.setValue(level);
      claim.level = level;
      return;
    }
    this.release(pin);
    const line = this.handle.getLine(pin);
    line.requestOutputMode(GPIOCHIP_CONSUMER, level); // direction and level in one request: no glitch
    this.claims.set(pin, { mode: 'output', line, level, listeners: new Set() });
  }

  read(pin: number): Level {
    assertCapable(this, pin, 'input');
    const claim = this.claims.get(pin) ?? this.claimInput(pin);
    if (claim.mode === 'output') return claim.level;
    if (!claim.line) throw new GpioCapabilityError(`GPIO ${pin} is driven by hardware PWM; it has no digital level to read`);
    return claim.line.getValue();
  }

  write(pin: number, level: Level): void {
    const claim = this.claims.get(pin);
    if (claim?.mode !== 'output' || !claim.line) throw new Error(`GPIO ${pin} is not an output`);
    claim.line.setValue(level);
    claim.level = level;
  }

  setPwm(pin: number, setting: PwmSetting): void {
    assertCapable(this, pin, 'pwm');
    const channel = this.pwmChannels.get(pin)!;
    for (const [other, claim] of this.claims) {
      const shared = other !== pin && claim.mode === 'pwm' && this.pwmChannels.get(other)?.channel === channel.channel && this.pwmChannels.get(other)?.chipDir === channel.chipDir;
      if (shared) throw new GpioCapabilityError(`GPIO ${pin}: its PWM channel ${channel.channel} already drives GPIO ${other}`);
    }
    let claim = this.claims.get(pin);
    if (claim?.mode !== 'pwm') {
      this.release(pin); // the line goes back to the kernel so the pin can follow its PWM function
      claim = { mode: 'pwm', pwm: new SysfsPwmOutput(channel), level: 0, listeners: new Set() };
      this.claims.set(pin, claim);
    }
    claim.pwm!.set(setting);
  }

  watch(pin: number, listener: EdgeListener): () => void {
    assertCapable(this, pin, 'input');
    const claim = this.claims.get(pin) ?? this.claimInput(pin);
    if (claim.line && claim.mode === 'input') claim.level = claim.line.getValue();
    claim.listeners.add(listener);
    this.startPolling();
    return () => {
      claim.listeners.delete(listener);
      this.stopPollingWhenIdle();
    };
  }

  release(pin: number): void {
    const claim = this.claims.get(pin);
    if (!claim) return;
    this.claims.delete(pin);
    claim.listeners.clear();
    claim.pwm?.stop();
    claim.line?.release();
    this.stopPollingWhenIdle();
  }

  close(): void {
    for (const pin of this.claims.keys()) this.release(pin);
    this.stopPollingWhenIdle();
  }

  /** Samples every watched input once and tells its watchers about a changed level (the poll timer's work). */
  pollEdges(): void {
    for (const claim of this.claims.values()) {
      if (claim.mode !== 'input' || !claim.line || claim.listeners.size === 0) continue;
      const level = safe(() => claim.line!.getValue());
      if (level === undefined || level === claim.level) continue;
      claim.level = level;
      claim.listeners.forEach((listener) => listener(level));
    }
  }

  private claimInput(pin: number): Claim {
    this.release(pin);
    const line = this.handle.getLine(pin);
    line.requestInputMode(GPIOCHIP_CONSUMER);
    const claim: Claim = { mode: 'input', line, level: line.getValue(), listeners: new Set() };
    this.claims.set(pin, claim);
    return claim;
  }

  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => this.pollEdges(), this.edgePollMs);
    this.poller.unref();
  }

  private stopPollingWhenIdle(): void {
    if (!this.poller || [...this.claims.values()].some((c) => c.listeners.size > 0)) return;
    clearInterval(this.poller);
    this.poller = undefined;
  }
}

/** Every character device the binding lists, with its label; a chip that cannot be opened is skipped. */
function openChips(gpiod: LibgpiodModule): (GpioChipInfo & { handle: LibgpiodChip })[] {
  const names = safe(() => gpiod.getChipNames()) ?? [];
  return names.flatMap((device) => {
    const handle = safe(() => new gpiod.Chip(device));
    return handle ? [{ device, label: handle.label, lines: handle.numberOfLines, handle }] : [];
  });
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
