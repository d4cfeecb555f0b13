import { DaemonInit1795440000000 } from './1795440000000-daemon-init';

export const DAEMON_MIGRATIONS = [DaemonInit1795440000000];
