import { installFakeSystemctl, type FakeSystemctl } from '../../test/fake-systemctl';
import { ServiceControlError } from './service-manager';
import { SystemdServiceManager } from './systemd.service-manager';

describe('SystemdServiceManager against a fake systemctl on PATH', () => {
  let fake: FakeSystemctl;
  beforeEach(async () => {
    fake = await installFakeSystemctl();
  });
  afterEach(() => fake.remove());

  it('runs systemctl start/stop/restart on the unit without asking for a password', async () => {
    const manager = new SystemdServiceManager();
    await manager.control('start', 'allsky');
    expect(await manager.state('allsky')).toBe('active');
    await manager.control('stop', 'allsky');
    expect(await manager.state('allsky')).toBe('inactive');
    await manager.control('restart', 'allsky.service');
    expect(await fake.calls()).toEqual([
      '--no-ask-password start allsky',
      'is-active allsky',
      '--no-ask-password stop allsky',
      'is-active allsky',
      '--no-ask-password restart allsky.service',
    ]);
  });

  it('a non-zero exit is a ServiceControlError carrying systemctl\'s message', async () => {
    await fake.failWith('Failed to start allsky.service: Unit allsky.service not found.');
    const failure = new SystemdServiceManager().control('start', 'allsky');
    await expect(failure).rejects.toThrow(ServiceControlError);
    await expect(failure).rejects.toThrow('systemctl start allsky failed: Failed to start allsky.service: Unit allsky.service not found.');
  });

  it('reads failed and unknown states from is-active', async () => {
    const manager = new SystemdServiceManager();
    await fake.setState('failed');
    expect(await manager.state('allsky')).toBe('failed');
    await fake.setState('something-new');
    expect(await manager.state('allsky')).toBe('unknown');
  });

  it('a missing systemctl is a ServiceControlError, not a crash', async () => {
    await expect(new SystemdServiceManager('/nonexistent/systemctl').control('start', 'allsky')).rejects.toThrow(/systemctl start allsky failed: .*ENOENT/);
    expect(await new SystemdServiceManager('/nonexistent/systemctl').state('allsky')).toBe('unknown');
  });
});
