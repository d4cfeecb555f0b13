import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAllskyStatusFile, renderAllskyStatusHtml, statusFromServiceState } from './allsky-status';

describe('allsky status', () => {
  it('running is green with Start disabled; starting amber; stopped and errors red with Stop disabled', () => {
    const running = renderAllskyStatusHtml('Running');
    expect(running).toContain('alert-success');
    expect(running).toMatch(/asf-allsky-start" disabled/);
    expect(running).not.toMatch(/asf-allsky-stop" disabled/);
    expect(renderAllskyStatusHtml('Restarting')).toContain('alert-warning');
    for (const status of ['Stopped', 'Stopped - camera not found', 'Not Running', 'Never Run']) {
      const html = renderAllskyStatusHtml(status);
      expect(html).toContain('alert-danger');
      expect(html).toMatch(/asf-allsky-stop" disabled/);
      expect(html).toContain(`<strong>${status}</strong>`);
    }
  });

  it('derives a status word from the service state when there is no status file', () => {
    expect(statusFromServiceState('active')).toBe('Running');
    expect(statusFromServiceState('activating')).toBe('Starting');
    expect(statusFromServiceState('failed')).toBe('Stopped - error detected');
    expect(statusFromServiceState('inactive')).toBe('Not Running');
  });

  it('reads ALLSKY_HOME/config/status.json, and null when absent or not JSON', async () => {
    const home = await mkdtemp(join(tmpdir(), 'allsky-home-'));
    try {
      expect(await readAllskyStatusFile(undefined)).toBeNull();
      expect(await readAllskyStatusFile(home)).toBeNull();
      await mkdir(join(home, 'config'));
      await writeFile(join(home, 'config', 'status.json'), '{"status":"Running","timestamp":"2026-11-22 03:14:15"}');
      expect(await readAllskyStatusFile(home)).toEqual({ status: 'Running', timestamp: '2026-11-22 03:14:15' });
      await writeFile(join(home, 'config', 'status.json'), '{"status":');
      expect(await readAllskyStatusFile(home)).toBeNull();
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
