import { HealthContributors } from './health-contributors';

describe('HealthContributors', () => {
  it('collects each registered section on every call, the latest registration of a name winning', () => {
    const contributors = new HealthContributors();
    expect(contributors.collect()).toEqual({});
    let driver: 'simulated' | 'gpiochip' = 'simulated';
    contributors.register('gpio', () => ({ driver, reason: 'first' }));
    expect(contributors.collect()).toEqual({ gpio: { driver: 'simulated', reason: 'first' } });
    driver = 'gpiochip';
    expect(contributors.collect().gpio?.driver).toBe('gpiochip');
    contributors.register('gpio', () => ({ driver: 'onoff', reason: 'second' }));
    expect(contributors.collect()).toEqual({ gpio: { driver: 'onoff', reason: 'second' } });
  });

  it('leaves out a section whose function throws instead of failing /health', () => {
    const contributors = new HealthContributors();
    contributors.register('gpio', () => {
      throw new Error('driver gone');
    });
    expect(contributors.collect()).toEqual({});
  });
});
