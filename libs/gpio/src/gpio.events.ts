import type { PinClaimMode } from './entities/gpio-pin.entity';

export interface GpioPinChangedEvent {
  pin: number;
  name: string;
  mode: PinClaimMode;
  /** Digital level as the Allsky Server words it. */
  value?: 'on' | 'off';
  frequency?: number;
  duty?: number;
  /** edge: the driver saw an input change; request: an API call; startup: the safe state. */
  source: 'edge' | 'request' | 'startup';
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    'gpio.pin-changed': GpioPinChangedEvent;
  }
}
