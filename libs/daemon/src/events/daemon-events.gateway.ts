import type { IncomingMessage } from 'node:http';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { hasPermission, RequestAuthenticator } from '@app/auth';
import { EventBus } from '@app/core';

export const DAEMON_EVENTS_PATH = '/api/events';

/**
 * Streams the daemon's bus events (output changed, measurement, PID state, function fired,
 * controller changed) as JSON `{seq, name, at, payload}` to callers with daemon:read. The
 * credentials are checked in one call (auth's RequestAuthenticator, the HTTP guard's rules);
 * refusals close with 4401 / 4403.
 */
@WebSocketGateway({ path: DAEMON_EVENTS_PATH })
export class DaemonEventsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new Map<WebSocket, Subscription>();

  constructor(
    private readonly bus: EventBus,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async handleConnection(client: WebSocket, request: IncomingMessage): Promise<void> {
    const principal = await this.authenticator.authenticateUpgrade(request);
    if (typeof principal === 'string') return client.close(4401, principal);
    if (principal.apiKey?.scope === 'upload' || !hasPermission(principal.permissions, 'daemon', 'read')) return client.close(4403, 'needs daemon:read');
    if (client.readyState !== client.OPEN) return;
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
