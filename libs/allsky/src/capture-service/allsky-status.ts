import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServiceState } from './service-manager';

/** `$ALLSKY_HOME/config/status.json` as Allsky writes it. */
export interface AllskyStatusFile {
  status: string;
  timestamp?: string;
  [key: string]: unknown;
}

/** The status file, or null when ALLSKY_HOME is unset or the file is absent or unreadable (the Allsky Server answers 500 then). */
export async function readAllskyStatusFile(allskyHome: string | undefined): Promise<AllskyStatusFile | null> {
  if (!allskyHome) return null;
  try {
    const parsed = JSON.parse(await readFile(join(allskyHome, 'config', 'status.json'), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && typeof (parsed as AllskyStatusFile).status === 'string' ? (parsed as AllskyStatusFile) : null;
  } catch {
    return null;
  }
}

/** The status word when there is no status file: from the service state. */
export function statusFromServiceState(state: ServiceState): string {
  if (state === 'active') return 'Running';
  if (state === 'activating' || state === 'reloading') return 'Starting';
  if (state === 'failed') return 'Stopped - error detected';
  return 'Not Running';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The Bootstrap alert of the Allsky Server's `_allskyStatus.html`, with the colours the right way
 * round: running is green (alert-success), starting/restarting amber, anything else red. The
 * Allsky Server's template paints "Running" red and every other status green.
 */
export function renderAllskyStatusHtml(status: string): string {
  const word = status.trim().toLowerCase();
  const running = word === 'running';
  const starting = /^(starting|restarting|installing)/.test(word);
  const colour = running ? 'success' : starting ? 'warning' : 'danger';
  const startDisabled = running || starting ? ' disabled' : '';
  const stopDisabled = running || starting ? '' : ' disabled';
  return [
    `<div class="alert alert-${colour}" role="alert">`,
    `<strong>${escapeHtml(status)}</strong>`,
    `<button type="button" class="btn btn-success asf-allsky-start"${startDisabled}>Start</button>`,
    `<button type="button" class="btn btn-danger asf-allsky-stop"${stopDisabled}>Stop</button>`,
    '</div>',
  ].join('\n');
}
