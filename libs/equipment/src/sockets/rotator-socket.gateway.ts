import { WebSocketGateway } from '@nestjs/websockets';
import { SocketAuthenticator } from '@app/auth';
import { OperatorDesks, type RotationRequest } from '../drivers/networked/operator-requests';
import { OperatorSocketGateway } from './operator-socket.gateway';

const message = (Message: string) => JSON.stringify({ Message });

/**
 * ninaAPI's /v2/rotator for the networked manual rotator, in JSON: `{Position, TargetPosition,
 * Rotation}` when a move is asked for, `{Message: "Rotation completed"}` when it ends;
 * `get-target-position` answers the pending move or `{Message: "N/A"}`; `rotation-completed`
 * completes it (with none pending it answers "Rotation completed", as ninaAPI; a client without
 * equipment:update is told so instead).
 */
@WebSocketGateway({ path: '/v2/rotator' })
export class RotatorSocketGateway extends OperatorSocketGateway<RotationRequest> {
  constructor(desks: OperatorDesks, auth: SocketAuthenticator) {
    super(
      desks.rotator,
      {
        path: '/v2/rotator',
        ask: 'get-target-position',
        confirm: 'rotation-completed',
        requested: ({ Position, TargetPosition, Rotation }) => JSON.stringify({ Position, TargetPosition, Rotation }),
        finished: message('Rotation completed'),
        none: message('N/A'),
        nothingToConfirm: message('Rotation completed'),
        forbidden: message('Forbidden: equipment:update needed'),
      },
      auth,
    );
  }
}
