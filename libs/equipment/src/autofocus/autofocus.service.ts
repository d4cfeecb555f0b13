import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { ImageAnalyzer } from '../drivers/image/image-analyzer';
import { CaptureService } from '../image/capture.service';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { AF_FITTINGS, autofocusReport, type AutofocusFitting, type AutofocusReport, type CurveFits, type MeasuredPoint } from './autofocus-report';
import { fitHyperbola, fitParabola, fitTrendlines, type CurvePoint } from './curve-fitting';

/** Overrides of the profile's FocuserSettings for one run (the sequencer's autofocus instruction passes none). */
export interface AutofocusOptions {
  /** Focuser steps between points (AutoFocusStepSize). */
  stepSize?: number;
  /** Points on each side of the start (AutoFocusInitialOffsetSteps). */
  initialOffsetSteps?: number;
  /** Seconds per frame (AutoFocusExposureTime). */
  exposureSeconds?: number;
  fitting?: AutofocusFitting;
}

/** The profile's FocuserSettings with N.I.N.A.'s defaults (FocuserSettings.cs). */
const NINA_DEFAULTS = { AutoFocusStepSize: 50, AutoFocusInitialOffsetSteps: 4, AutoFocusExposureTime: 4, AutoFocusCurveFitting: 'HYPERBOLIC' };
/** How many points the run may add beyond the pattern while the curve still falls at its end. */
const MAX_EXTRA_POINTS = 8;
/** How long a focuser that is not yet moving nor at the target is given to start. */
const MOVE_START_GRACE_MS = 5_000;

export class AutofocusFailed extends NinaError {
  constructor(message: string) {
    super(message, 500);
  }
}

/**
 * N.I.N.A.'s star-HFR autofocus: from the start position + offset × step, the focuser steps
 * inwards to start − offset × step, one exposure per point, the stars' mean HFR measured; while
 * the lowest point is at an end the run goes on past it. The curve (hyperbola, parabola, trend
 * lines, or a trend line average) gives the focus; the focuser moves there. A failed or
 * cancelled run returns the focuser to where it started. Events as ninaAPI sends them:
 * AUTOFOCUS-STARTING, AUTOFOCUS-POINT-ADDED {HFR, Position}, AUTOFOCUS-FINISHED.
 */
@Injectable()
export class AutofocusService {
  private readonly logger = new Logger('Autofocus');
  private last: AutofocusReport | null = null;
  private lastFocus: CurvePoint | null = null;
  private background: AbortController | null = null;
  private running = false;

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly capture: CaptureService,
    private readonly analyzer: ImageAnalyzer,
    private readonly profile: ProfileService,
    private readonly clock: Clock,
  ) {}

  /** The report of the last successful run (focuser/last-af). */
  get lastReport(): AutofocusReport | null {
    return this.last;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** focuser/auto-focus: cancels a run started here before and starts a new one in the background. */
  startInBackground(options: AutofocusOptions = {}): void {
    this.registry.require('focuser');
    this.registry.require('camera');
    this.background?.abort();
    const controller = new AbortController();
    this.background = controller;
    this.run(options, controller.signal)
      .catch((err: Error) => this.logger.warn(`autofocus ended: ${err.message}`))
      .finally(() => {
        if (this.background === controller) this.background = null;
      });
  }

  /** focuser/auto-focus?cancel=true. */
  cancel(): void {
    this.background?.abort();
  }

  /** One whole run; resolves with the report once the focuser sits at the focus. */
  async run(options: AutofocusOptions = {}, signal?: AbortSignal): Promise<AutofocusReport> {
    const focuser = this.registry.require('focuser');
    this.registry.require('camera');
    if (this.running) throw new NinaError('Autofocus already running', 409);
    this.running = true;
    const started = this.clock.nowMs();
    const startPosition = focuser.status().position;
    try {
      const settings = this.settings(options);
      this.registry.publish('AUTOFOCUS-STARTING');
      const points = await this.measureCurve(startPosition, settings, signal);
      const fits: CurveFits = { quadratic: fitParabola(points), hyperbolic: fitHyperbola(points), trend: fitTrendlines(points) };
      const focus = this.focusFrom(fits, settings.fitting, points);
      await this.moveTo(Math.round(focus.x), signal);
      const initial = points.reduce((m, p) => (Math.abs(p.x - startPosition) < Math.abs(m.x - startPosition) ? p : m));
      const report = autofocusReport({
        filter: this.currentFilter(),
        timestamp: this.clock.now().toISOString(),
        temperature: focuser.status().temperature,
        fitting: settings.fitting,
        initial: { x: startPosition, y: initial.y },
        calculated: { x: Math.round(focus.x), y: focus.y },
        previous: this.lastFocus,
        points,
        fits,
        backlash: {
          model: this.profile.setting('FocuserSettings', 'BacklashCompensationModel', 'OVERSHOOT'),
          in: this.profile.setting('FocuserSettings', 'BacklashIn', 0),
          out: this.profile.setting('FocuserSettings', 'BacklashOut', 0),
        },
        durationMs: this.clock.nowMs() - started,
      });
      this.last = report;
      this.lastFocus = { x: Math.round(focus.x), y: focus.y };
      this.registry.publish('AUTOFOCUS-FINISHED');
      return report;
    } catch (err) {
      await focuser.move(startPosition).catch(() => undefined);
      throw err;
    } finally {
      this.running = false;
    }
  }

  private settings(o: AutofocusOptions): Required<AutofocusOptions> {
    const stored = (key: keyof typeof NINA_DEFAULTS) => this.profile.setting('FocuserSettings', key, NINA_DEFAULTS[key]);
    const fitting = String(o.fitting ?? stored('AutoFocusCurveFitting')).toUpperCase() as AutofocusFitting;
    const s = {
      stepSize: o.stepSize ?? Number(stored('AutoFocusStepSize')),
      initialOffsetSteps: o.initialOffsetSteps ?? Number(stored('AutoFocusInitialOffsetSteps')),
      exposureSeconds: o.exposureSeconds ?? Number(stored('AutoFocusExposureTime')),
      fitting: AF_FITTINGS.includes(fitting) ? fitting : 'HYPERBOLIC',
    };
    if (!(s.stepSize >= 1) || !(s.initialOffsetSteps >= 1) || !(s.exposureSeconds >= 0)) throw new NinaError('Invalid autofocus settings', 400);
    return s;
  }

  /** The pattern from the outer position inwards, then more points past an end that is still the lowest. */
  private async measureCurve(start: number, s: Required<AutofocusOptions>, signal?: AbortSignal): Promise<MeasuredPoint[]> {
    const points: MeasuredPoint[] = [];
    const maxStep = this.registry.require('focuser').status().maxStep;
    const measure = async (position: number) => {
      if (position < 0 || position > maxStep) return false;
      points.push(await this.measureAt(position, s.exposureSeconds, signal));
      return true;
    };
    for (let k = s.initialOffsetSteps; k >= -s.initialOffsetSteps; k--) await measure(start + k * s.stepSize);
    for (let extra = 0; extra < MAX_EXTRA_POINTS; extra++) {
      const sorted = [...points].sort((a, b) => a.x - b.x);
      const lowest = sorted.reduce((m, p) => (p.y < m.y ? p : m));
      if (lowest !== sorted[0] && lowest !== sorted.at(-1)) break;
      const next = lowest === sorted[0] ? sorted[0].x - s.stepSize : sorted.at(-1)!.x + s.stepSize;
      if (!(await measure(next))) break;
    }
    points.sort((a, b) => a.x - b.x);
    if (points.length < 3) throw new AutofocusFailed('Autofocus failed: not enough points with stars');
    return points;
  }

  private async measureAt(position: number, exposureSeconds: number, signal?: AbortSignal): Promise<MeasuredPoint> {
    await this.moveTo(position, signal);
    const frame = await this.capture.exposeUnsaved(exposureSeconds, 'LIGHT', signal);
    signal?.throwIfAborted();
    const { detection } = await this.analyzer.analyse(frame.width, frame.height, frame.pixels);
    if (detection.stars.length === 0) throw new AutofocusFailed(`Autofocus failed: no stars at position ${position}`);
    this.registry.publish('AUTOFOCUS-POINT-ADDED', { HFR: detection.hfr, Position: position });
    return { x: position, y: detection.hfr, error: detection.hfrStdev };
  }

  private async moveTo(position: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const focuser = this.registry.require('focuser');
    await focuser.move(position);
    // INDI focusers report the move through their status (a moment may pass before it starts);
    // the simulator arrives at once.
    const startWaiting = Date.now();
    while (focuser.status().isMoving || (focuser.status().position !== position && Date.now() - startWaiting < MOVE_START_GRACE_MS)) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The focus the profile's fitting names; trend variants average two estimates, as N.I.N.A. does. */
  private focusFrom(fits: CurveFits, fitting: AutofocusFitting, points: MeasuredPoint[]): CurvePoint {
    const { quadratic, hyperbolic, trend } = fits;
    const average = (a: CurvePoint | undefined, b: CurvePoint | undefined) => a && b && { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const focus = {
      PARABOLIC: quadratic?.minimum,
      HYPERBOLIC: hyperbolic?.minimum,
      TRENDLINES: trend?.intersection,
      TRENDPARABOLIC: average(trend?.intersection, quadratic?.minimum),
      TRENDHYPERBOLIC: average(trend?.intersection, hyperbolic?.minimum),
    }[fitting];
    const lo = points[0].x;
    const hi = points.at(-1)!.x;
    if (!focus || !Number.isFinite(focus.x) || focus.x < lo || focus.x > hi) throw new AutofocusFailed('Autofocus failed: the curve has no minimum within the measured range');
    return focus;
  }

  private currentFilter(): string {
    const wheel = this.registry.get('filterwheel');
    return wheel.connected ? (this.profile.filterNames()[wheel.status().position] ?? '') : '';
  }
}
