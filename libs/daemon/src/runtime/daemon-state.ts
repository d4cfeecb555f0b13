import { HttpStatus, Injectable } from '@nestjs/common';
import { MycodoError } from '../http/mycodo-http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);

/** Whether the daemon runs: after `POST /api/daemon/terminate` controllers are stopped and actions are refused. */
@Injectable()
export class DaemonState {
  running = false;
  startedAt: Date | null = null;

  assertRunning(): void {
    if (!this.running) throw new MycodoError(HttpStatus.SERVICE_UNAVAILABLE, 'Fail: the daemon is not running (POST /api/daemon/start starts it)');
  }
}
