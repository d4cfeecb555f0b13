/** Comparison of a measured value with a threshold. */
export type Operator = '>' | '>=' | '<' | '<=' | '==' | '!=';
export const OPERATORS: Operator[] = ['>', '>=', '<', '<=', '==', '!='];

/** A condition of a function; all conditions must hold for its actions to run. */
export type FunctionCondition =
  /** The last value of a channel, no older than max_age seconds (no value that fresh: the condition fails). */
  | { type: 'measurement'; device_id: string; unit: string; channel: number; operator: Operator; value: number; max_age: number }
  /** An output channel is on or off. */
  | { type: 'output_state'; output_id: string; channel: number; state: 'on' | 'off' }
  /** The Equipment safety monitor says unsafe (safe: false) or safe (safe: true); a disconnected monitor counts as unsafe. */
  | { type: 'safety'; safe: boolean }
  /** A field of the Equipment weather device (ASCOM names: windSpeed, humidity, rainRate, cloudCover...). */
  | { type: 'weather'; field: string; operator: Operator; value: number }
  /** UTC time of day between after and before ("HH:MM"; may wrap midnight). */
  | { type: 'time'; after: string; before: string };

export type EquipmentAction = 'park_mount' | 'close_dome' | 'open_dome' | 'park_dome' | 'stop_guiding';
export const EQUIPMENT_ACTIONS: EquipmentAction[] = ['park_mount', 'close_dome', 'open_dome', 'park_dome', 'stop_guiding'];

/** An action of a function, run in order. */
export type FunctionAction =
  | { type: 'output'; output_id: string; channel: number; state?: boolean; duration?: number; duty_cycle?: number }
  /** Runs another function's actions (not its conditions). */
  | { type: 'function'; function_id: string }
  /** POSTs JSON {function_id, name, reason} to url. */
  | { type: 'webhook'; url: string }
  | { type: 'mqtt'; topic: string; payload: string }
  | { type: 'equipment'; action: EquipmentAction };

export const compare = (measured: number, op: Operator, value: number): boolean => {
  switch (op) {
    case '>':
      return measured > value;
    case '>=':
      return measured >= value;
    case '<':
      return measured < value;
    case '<=':
      return measured <= value;
    case '==':
      return measured === value;
    default:
      return measured !== value;
  }
};

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Returns what is wrong with a condition, or null. */
export function conditionProblem(c: Record<string, unknown>): string | null {
  switch (c.type) {
    case 'measurement':
      if (!isStr(c.device_id) || !isStr(c.unit) || !Number.isInteger(c.channel)) return 'a measurement condition needs device_id, unit and channel';
      if (!OPERATORS.includes(c.operator as Operator) || !isNum(c.value)) return `a measurement condition needs operator (${OPERATORS.join(' ')}) and a numeric value`;
      return isNum(c.max_age) && c.max_age > 0 ? null : 'a measurement condition needs max_age (seconds > 0)';
    case 'output_state':
      return isStr(c.output_id) && Number.isInteger(c.channel) && (c.state === 'on' || c.state === 'off') ? null : 'an output_state condition needs output_id, channel and state on|off';
    case 'safety':
      return typeof c.safe === 'boolean' ? null : 'a safety condition needs safe: true|false';
    case 'weather':
      return isStr(c.field) && OPERATORS.includes(c.operator as Operator) && isNum(c.value) ? null : 'a weather condition needs field, operator and value';
    case 'time':
      return isStr(c.after) && isStr(c.before) && HHMM.test(c.after) && HHMM.test(c.before) ? null : 'a time condition needs after and before as HH:MM';
    default:
      return `unknown condition type ${JSON.stringify(c.type)} (measurement, output_state, safety, weather, time)`;
  }
}

/** Returns what is wrong with an action, or null. */
export function actionProblem(a: Record<string, unknown>): string | null {
  switch (a.type) {
    case 'output':
      if (!isStr(a.output_id) || !Number.isInteger(a.channel)) return 'an output action needs output_id and channel';
      if (a.state === undefined && a.duty_cycle === undefined) return 'an output action needs state (true/false, with an optional duration) or duty_cycle';
      if (a.state !== undefined && typeof a.state !== 'boolean') return 'an output action state must be a JSON boolean';
      return (a.duration === undefined || (isNum(a.duration) && a.duration > 0)) && (a.duty_cycle === undefined || (isNum(a.duty_cycle) && a.duty_cycle >= 0 && a.duty_cycle <= 100))
        ? null
        : 'duration must be > 0 and duty_cycle 0-100';
    case 'function':
      return isStr(a.function_id) ? null : 'a function action needs function_id';
    case 'webhook':
      return isStr(a.url) && /^https?:\/\//.test(a.url) ? null : 'a webhook action needs an http(s) url';
    case 'mqtt':
      return isStr(a.topic) && typeof a.payload === 'string' ? null : 'an mqtt action needs topic and payload';
    case 'equipment':
      return EQUIPMENT_ACTIONS.includes(a.action as EquipmentAction) ? null : `an equipment action is one of ${EQUIPMENT_ACTIONS.join(', ')}`;
    default:
      return `unknown action type ${JSON.stringify(a.type)} (output, function, webhook, mqtt, equipment)`;
  }
}

/** Minutes since UTC midnight of "HH:MM". */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function withinTime(now: Date, after: string, before: string): boolean {
  const m = now.getUTCHours() * 60 + now.getUTCMinutes();
  const a = minutesOf(after);
  const b = minutesOf(before);
  return a <= b ? m >= a && m < b : m >= a || m < b;
}
