export { PidController } from './pid-controller';
export { DEFAULT_SIDE_LIMITS, MYCODO_PID_DEFAULTS } from './pid-types';
export type { PidDirection, PidMode, PidOutputCommand, PidOutputKind, PidSettings, PidSideLimits, PidStep, PidStepReason, SetpointSupplier } from './pid-types';
