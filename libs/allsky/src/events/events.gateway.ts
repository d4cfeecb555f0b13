import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { hasPermission, SocketAuthenticator } from '@app/auth';
import { EventBus, type BusEvent } from '@app/core';

export const EVENTS_PATH = '/allsky/events';

/** Which read permission each event family needs. */
const RESOURCE_OF: [prefix: string, resource: string][] = [
  ['gpio.', 'gpio'],
  ['allsky.', 'allsky'],
  ['focuser.', 'focuser'],
  // sync-api's `sync.received` (a SyncAPI upload stored): the dashboard shows the new image at once.
  ['sync.', 'sync'],
];

/**
 * Streams GPIO pin changes, allsky service changes, focuser moves and received SyncAPI uploads to dashboards as JSON
 * `{seq, name, at, payload}` messages. auth's SocketAuthenticator admits the caller by the HTTP
 * rules (loopback, `?token=<JWT from POST /login>`, `?api_key=<key>`), needing read permission on
 * one of the resources, and closes the socket (4401 / 4403) when its credentials or permissions
 * end. Each event goes only to callers that may currently read its resource.
 */
@WebSocketGateway({ path: EVENTS_PATH })
export class AllskyEventsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('AllskyEvents');
  private readonly subscriptions = new Map<WebSocket, Subscription>();

  constructor(
    private readonly bus: EventBus,
    private readonly auth: SocketAuthenticator,
  ) {}

  async handleConnection(client: WebSocket, request: IncomingMessage): Promise<void> {
    const access = { resource: RESOURCE_OF.map(([, resource]) => resource), action: 'read' as const };
    if (!(await this.auth.admit(client, request, access, (reason) => this.logger.debug(`websocket refused: ${reason}`)))) return;
    const readable = (prefix: string) => {
      const permissions = this.auth.principalOf(client)?.permissions;
      return !!permissions && RESOURCE_OF.some(([p, resource]) => p === prefix && hasPermission(permissions, resource, 'read'));
    };
    const subscription = this.bus.all().subscribe((event: BusEvent) => {
      const prefix = RESOURCE_OF.find(([p]) => event.name.startsWith(p))?.[0];
      if (prefix && readable(prefix) && client.readyState === client.OPEN) client.send(JSON.stringify(event));
    });
    this.subscriptions.set(client, subscription);
    const allowed = RESOURCE_OF.map(([prefix]) => prefix).filter(readable);
    client.send(JSON.stringify({ name: 'subscribed', payload: { events: allowed.map((p) => `${p}*`) } }));
  }

  handleDisconnect(client: WebSocket): void {
    this.subscriptions.get(client)?.unsubscribe();
    this.subscriptions.delete(client);
  }
}
