import { badParameter } from './envelope';

/**
 * Query-string readers for ninaAPI's GET-with-parameters style. Each names the parameter in
 * its 400 message, because ninaAPI clients (dashboards, ESP32 panels) only see the envelope text.
 */
type Raw = unknown;

function single(name: string, raw: Raw): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (Array.isArray(raw)) throw badParameter(`${name} was given more than once`);
  if (typeof raw !== 'string') throw badParameter(`${name} must be a single value`);
  return raw.trim();
}

export function optionalBool(name: string, raw: Raw): boolean | undefined {
  const v = single(name, raw);
  if (v === undefined) return undefined;
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw badParameter(`${name} must be true or false, got "${v}"`);
}

export function bool(name: string, raw: Raw, fallback = false): boolean {
  return optionalBool(name, raw) ?? fallback;
}

export function optionalNumber(name: string, raw: Raw, range?: { min?: number; max?: number; integer?: boolean }): number | undefined {
  const v = single(name, raw);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badParameter(`${name} must be a number, got "${v}"`);
  if (range?.integer && !Number.isInteger(n)) throw badParameter(`${name} must be an integer, got "${v}"`);
  if (range?.min !== undefined && n < range.min) throw badParameter(`${name} must be at least ${range.min}, got ${n}`);
  if (range?.max !== undefined && n > range.max) throw badParameter(`${name} must be at most ${range.max}, got ${n}`);
  return n;
}

export function requiredNumber(name: string, raw: Raw, range?: { min?: number; max?: number; integer?: boolean }): number {
  const n = optionalNumber(name, raw, range);
  if (n === undefined) throw badParameter(`${name} is required`);
  return n;
}

export function optionalString(name: string, raw: Raw): string | undefined {
  return single(name, raw);
}

export function requiredString(name: string, raw: Raw): string {
  const v = single(name, raw);
  if (v === undefined) throw badParameter(`${name} is required`);
  return v;
}

export function optionalEnum<T extends string>(name: string, raw: Raw, allowed: readonly T[]): T | undefined {
  const v = single(name, raw);
  if (v === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!match) throw badParameter(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  return match;
}

/** "<width>x<height>", e.g. 640x480 (ninaAPI's size parameter). */
export function optionalSize(name: string, raw: Raw): { width: number; height: number } | undefined {
  const v = single(name, raw);
  if (v === undefined) return undefined;
  const m = /^(\d{1,5})x(\d{1,5})$/i.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw badParameter(`${name} must look like 640x480, got "${v}"`);
  return { width: Number(m[1]), height: Number(m[2]) };
}
