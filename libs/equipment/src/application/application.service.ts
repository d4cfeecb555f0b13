import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { DEVICE_TYPES, DEVICE_WORDS } from '../drivers/contract/device-types';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { loadSharp } from '../image/preview';
import { badParameter } from '../nina/envelope';

export const APPLICATION_TABS = ['equipment', 'skyatlas', 'framing', 'flatwizard', 'sequencer', 'imaging', 'options'] as const;
export type ApplicationTab = (typeof APPLICATION_TABS)[number];

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Skygate has no GUI: the "current tab" is stored state that switch-tab/get-tab round-trip,
 * and a "screenshot" is an image rendered from the equipment state, not a capture of a screen.
 */
@Injectable()
export class ApplicationService {
  private tab: ApplicationTab = 'equipment';
  readonly startedAt: Date;

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  get currentTab(): ApplicationTab {
    return this.tab;
  }

  switchTab(raw: string | undefined): void {
    const tab = APPLICATION_TABS.find((t) => t === raw?.toLowerCase());
    if (!tab) throw badParameter('Invalid application tab');
    this.tab = tab;
  }

  /** A 800×480 status panel: one line per device with its driver and connection state. */
  async screenshot(): Promise<{ pixels: Buffer; width: number; height: number }> {
    const width = 800;
    const height = 480;
    const lines = DEVICE_TYPES.map((t, i) => {
      const connected = this.registry.connected(t);
      const y = 90 + i * 34;
      return `<text x="40" y="${y}" fill="#ddd">${escapeXml(DEVICE_WORDS[t].label)}</text><text x="300" y="${y}" fill="#999">${escapeXml(this.registry.driverName(t))}</text><text x="520" y="${y}" fill="${connected ? '#6c6' : '#c66'}">${connected ? 'connected' : 'disconnected'}</text>`;
    }).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#111"/><g font-family="sans-serif" font-size="22"><text x="40" y="45" fill="#fff">Skygate · ${escapeXml(this.tab)} · ${escapeXml(this.clock.now().toISOString())}</text>${lines}</g></svg>`;
    const pixels = await (await loadSharp())(Buffer.from(svg)).greyscale().raw().toBuffer();
    return { pixels, width, height };
  }
}
