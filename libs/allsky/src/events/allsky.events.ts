import type { ServiceAction, ServiceState } from '../capture-service/service-manager';

export interface AllskyServiceChangedEvent {
  unit: string;
  action: ServiceAction;
  state: ServiceState;
}

export interface FocuserMoveEvent {
  id: string;
  direction: 'in' | 'out';
  /** Steps asked for and steps done so far. */
  steps: number;
  done: number;
  position: number;
  state: 'moving' | 'done' | 'aborted' | 'failed';
  error?: string;
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    'allsky.service-changed': AllskyServiceChangedEvent;
    'focuser.move': FocuserMoveEvent;
  }
}
