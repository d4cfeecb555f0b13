import type { GpioStatus } from './gpio.service';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const row = (cells: string[]) =>
  `<div class="row">${cells.map((cell, i) => `<div class="col-xs-${i < 3 ? 2 : 3}">${cell}</div>`).join('')}</div>`;

/**
 * The Allsky Server's `/gpio/status/html` fragment (Bootstrap 3, used by the WebUI device manager):
 * a header row, one row per digital pin, one per PWM pin, or a ghost panel when nothing is in use.
 * Names are HTML-escaped (the Allsky Server inserts them raw).
 */
export function renderGpioStatusHtml(status: GpioStatus, names: Map<number, string>): string {
  const label = (pin: string) => {
    const name = names.get(Number(pin));
    return escapeHtml(name ? `D${pin} (${name})` : `D${pin}`);
  };
  const digital = Object.entries(status.digital).map(([pin, value]) => row([label(pin), 'Digital', value.toUpperCase(), 'N/A', 'N/A']));
  const pwm = Object.entries(status.pwm).map(([pin, { frequency, duty }]) =>
    row([label(pin), 'PWM', 'N/A', `${Math.round((duty / 65535) * 100 * 100) / 100}%`, `${frequency} Hz`]),
  );
  if (digital.length + pwm.length === 0) {
    return '<div class="panel panel-default"><div class="panel-body text-center"><i class="fa-solid fa-ghost fa-3x"></i><p>No active GPIO pins.</p></div></div>';
  }
  const header = row(['Pin', 'Type', 'State', 'Duty Cycle', 'Frequency'].map((h) => `<strong>${h}</strong>`));
  return [header, ...digital, ...pwm].join('\n');
}
