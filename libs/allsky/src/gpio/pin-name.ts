import { invalidPin } from '../allsky-errors';

/**
 * The Allsky Server's normalise_pin: the stripped text must be an integer 0 <= n < count. Skygate
 * also accepts the `D18` labels the Allsky Server's own responses use (it rejects them) and keys
 * pins by number, so "018" and "18" are the same pin (the Allsky Server tracks them apart).
 */
export function normalisePin(raw: unknown, lineCount: number): number {
  const text = (typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '').trim();
  const digits = /^[dD]?([+-]?\d+)$/.exec(text)?.[1];
  const pin = digits === undefined ? Number.NaN : Number.parseInt(digits, 10);
  if (!Number.isInteger(pin) || pin < 0 || pin >= lineCount) throw invalidPin(raw);
  return pin;
}
