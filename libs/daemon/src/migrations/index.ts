import { DaemonInit1795440000000 } from './1795440000000-daemon-init';
import { DaemonPidSetpointTracking1795440000001 } from './1795440000001-daemon-pid-setpoint-tracking';

export const DAEMON_MIGRATIONS = [DaemonInit1795440000000, DaemonPidSetpointTracking1795440000001];
