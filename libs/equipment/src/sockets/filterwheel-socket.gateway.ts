import { WebSocketGateway } from '@nestjs/websockets';
import { SocketAuthenticator } from '@app/auth';
import { OperatorDesks } from '../drivers/networked/operator-requests';
import { OperatorSocketGateway } from './operator-socket.gateway';

/**
 * ninaAPI's /v2/filterwheel for the networked manual filter wheel, in plain text: the filter to
 * put in when a change is asked for, `Change Complete` when it ends; `get-target-filter` answers
 * the pending filter or `N/A`; `filter-changed` completes the change (no answer with none
 * pending, as ninaAPI; a client without equipment:update is told so instead).
 */
@WebSocketGateway({ path: '/v2/filterwheel' })
export class FilterWheelSocketGateway extends OperatorSocketGateway<string> {
  constructor(desks: OperatorDesks, auth: SocketAuthenticator) {
    super(
      desks.filterwheel,
      {
        path: '/v2/filterwheel',
        ask: 'get-target-filter',
        confirm: 'filter-changed',
        requested: (filter) => filter,
        finished: 'Change Complete',
        none: 'N/A',
        nothingToConfirm: null,
        forbidden: 'Forbidden: equipment:update needed',
      },
      auth,
    );
  }
}
