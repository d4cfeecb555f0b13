/** The Allsky Server's focuser settings (server.json "focuser"), plus Skygate's travel limits. */
export interface FocuserSettings {
  type: 'a4988' | 'uln2003';
  profile: string;
  steps: { fast: number; slow: number };
  /** a4988: direction, step, enable; uln2003: in1..in4 (BCM numbers). */
  pins: Record<string, number>;
  /** Skygate: the tracked position may not leave min..max (null: unbounded on that side). */
  limits: { min: number | null; max: number | null };
}

export const PIN_NAMES: Record<FocuserSettings['type'], string[]> = {
  a4988: ['direction', 'step', 'enable'],
  uln2003: ['in1', 'in2', 'in3', 'in4'],
};

/** The Allsky Server's defaults when server.json is absent. */
export const DEFAULT_FOCUSER_SETTINGS: FocuserSettings = {
  type: 'uln2003',
  profile: 'custom',
  steps: { fast: 500, slow: 50 },
  pins: { in1: 20, in2: 21, in3: 26, in4: 19 },
  limits: { min: null, max: null },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStepCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const isLimit = (v: unknown) => v === null || v === undefined || Number.isInteger(v);

/**
 * Checks a POSTed settings body: the Allsky Server's "Invalid format" when type or pins is missing,
 * then what its UI checks (positive step sizes; unique, non-negative BCM pins, here also below the
 * chip's line count) and that the profile's pins are all given. Returns the settings or the error text.
 */
export function parseFocuserSettings(body: unknown, current: FocuserSettings, lineCount: number): FocuserSettings | string {
  if (!isObject(body) || Object.keys(body).length === 0) return 'No JSON body provided';
  if (body.type === undefined || body.pins === undefined) return 'Invalid format';
  const type = String(body.type).toLowerCase();
  if (type !== 'a4988' && type !== 'uln2003') return `type must be a4988 or uln2003, not ${String(body.type)}`;
  if (!isObject(body.pins)) return 'Invalid format';
  const pins: Record<string, number> = {};
  for (const name of PIN_NAMES[type]) {
    const pin = Number(body.pins[name]);
    if (body.pins[name] === undefined || body.pins[name] === null || !Number.isInteger(pin) || pin < 0 || pin >= lineCount) {
      return `pins.${name} must be a GPIO number 0..${lineCount - 1}`;
    }
    pins[name] = pin;
  }
  if (new Set(Object.values(pins)).size !== Object.values(pins).length) return 'pins must be different GPIO numbers';
  const steps = body.steps === undefined ? current.steps : body.steps;
  if (!isObject(steps) || !isStepCount(steps.fast) || !isStepCount(steps.slow)) return 'steps.fast and steps.slow must be positive integers';
  const limits = body.limits === undefined ? current.limits : body.limits;
  if (!isObject(limits) || !isLimit(limits.min) || !isLimit(limits.max)) return 'limits.min and limits.max must be integers or null';
  const min = (limits.min as number | null | undefined) ?? null;
  const max = (limits.max as number | null | undefined) ?? null;
  if (min !== null && max !== null && min > max) return 'limits.min must not be above limits.max';
  return { type, profile: typeof body.profile === 'string' ? body.profile : current.profile, steps: { fast: steps.fast, slow: steps.slow }, pins, limits: { min, max } };
}
