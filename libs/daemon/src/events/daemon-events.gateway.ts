import type { IncomingMessage } from 'node:http';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { SocketAuthenticator } from '@app/auth';
import { EventBus } from '@app/core';

export const DAEMON_EVENTS_PATH = '/api/events';

/**
 * Streams the daemon's bus events (output changed, measurement, PID state, function fired,
 * controller changed) as JSON `{seq, name, at, payload}` to callers with daemon:read. auth's
 * SocketAuthenticator admits the caller by the HTTP guard's rules (refusals close with 4401 /
 * 4403) and closes the socket later when its credentials end or lose daemon:read.
 */
@WebSocketGateway({ path: DAEMON_EVENTS_PATH })
export class DaemonEventsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new Map<WebSocket, Subscription>();

  constructor(
    private readonly bus: EventBus,
    private readonly auth: SocketAuthenticator,
  ) {}

  async handleConnection(client: WebSocket, request: IncomingMessage): Promise<void> {
    if (!(await this.auth.admit(client, request, { resource: 'daemon', action: 'read' }))) return;
    this.subscriptions.set(
      client,
      this.bus.onPrefix('daemon.').subscribe((event) => {
        if (client.readyState === client.OPEN) client.send(JSON.stringify(event));
      }),
    );
    client.send(JSON.stringify({ name: 'subscribed', payload: { events: ['daemon.*'] } }));
  }

  handleDisconnect(client: WebSocket): void {
    this.subscriptions.get(client)?.unsubscribe();
    this.subscriptions.delete(client);
  }
}
