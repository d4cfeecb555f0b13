import { actionProblem, compare, conditionProblem, withinTime } from './function-rules';

describe('function rules', () => {
  it('compares with every operator', () => {
    expect([compare(3, '>', 2), compare(2, '>', 2), compare(2, '>=', 2), compare(1, '<', 2), compare(2, '<=', 2), compare(2, '==', 2), compare(2, '!=', 2)]).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('tells whether a UTC time of day is in a window, also across midnight', () => {
    const at = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00Z`);
    expect(withinTime(at('12:00'), '08:00', '18:00')).toBe(true);
    expect(withinTime(at('18:00'), '08:00', '18:00')).toBe(false);
    expect(withinTime(at('23:30'), '22:00', '06:00')).toBe(true);
    expect(withinTime(at('05:59'), '22:00', '06:00')).toBe(true);
    expect(withinTime(at('12:00'), '22:00', '06:00')).toBe(false);
  });

  it('names what is wrong with a condition or an action, and accepts good ones', () => {
    expect(conditionProblem({ type: 'measurement', device_id: 'd', unit: 'C', channel: 0, operator: '<', value: 2, max_age: 60 })).toBeNull();
    expect(conditionProblem({ type: 'measurement', device_id: 'd', unit: 'C', channel: 0, operator: '<', value: 2 })).toMatch(/max_age/);
    expect(conditionProblem({ type: 'weather', field: 'windSpeed', operator: '=>', value: 10 })).toMatch(/operator/);
    expect(conditionProblem({ type: 'time', after: '25:00', before: '06:00' })).toMatch(/HH:MM/);
    expect(conditionProblem({ type: 'moon' })).toMatch(/unknown condition type "moon"/);
    expect(actionProblem({ type: 'output', output_id: 'o', channel: 0, state: 'false' })).toMatch(/JSON boolean/);
    expect(actionProblem({ type: 'output', output_id: 'o', channel: 0, duty_cycle: 101 })).toMatch(/duty_cycle 0-100/);
    expect(actionProblem({ type: 'webhook', url: 'ftp://x' })).toMatch(/http\(s\) url/);
    expect(actionProblem({ type: 'equipment', action: 'close_dome' })).toBeNull();
  });
});
