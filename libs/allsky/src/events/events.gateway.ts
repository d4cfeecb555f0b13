import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { hasPermission, RequestAuthenticator, type PermissionMap } from '@app/auth';
import { EventBus, type BusEvent } from '@app/core';

export const EVENTS_PATH = '/allsky/events';

/** Which read permission each event family needs. */
const RESOURCE_OF: [prefix: string, resource: string][] = [
  ['gpio.', 'gpio'],
  ['allsky.', 'allsky'],
  ['focuser.', 'focuser'],
];

/**
 * Streams GPIO pin changes, allsky service changes and focuser moves to dashboards as JSON
 * `{seq, name, at, payload}` messages. The HTTP guard does not run for websockets, so the
 * connection is checked here: loopback callers as the HTTP rule allows them, others with
 * `?token=<JWT from POST /login>` or `?api_key=<key>`; each event is sent only to callers with
 * read permission on its resource. Refusals close with 4401 / 4403.
 */
@WebSocketGateway({ path: EVENTS_PATH })
export class AllskyEventsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('AllskyEvents');
  private readonly subscriptions = new Map<WebSocket, Subscription>();

  constructor(
    private readonly bus: EventBus,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async handleConnection(client: WebSocket, request: IncomingMessage): Promise<void> {
    const permissions = await this.authenticate(request);
    if (typeof permissions === 'string') {
      client.close(4401, permissions);
      return;
    }
    const allowed = RESOURCE_OF.filter(([, resource]) => hasPermission(permissions, resource, 'read')).map(([prefix]) => prefix);
    if (allowed.length === 0) {
      client.close(4403, 'needs gpio:read, allsky:read or focuser:read');
      return;
    }
    if (client.readyState !== client.OPEN) return;
    const subscription = this.bus.all().subscribe((event: BusEvent) => {
      if (allowed.some((prefix) => event.name.startsWith(prefix)) && client.readyState === client.OPEN) client.send(JSON.stringify(event));
    });
    this.subscriptions.set(client, subscription);
    client.send(JSON.stringify({ name: 'subscribed', payload: { events: allowed.map((p) => `${p}*`) } }));
  }

  handleDisconnect(client: WebSocket): void {
    this.subscriptions.get(client)?.unsubscribe();
    this.subscriptions.delete(client);
  }

  /** The same rules as the HTTP guard (auth's RequestAuthenticator), then the caller's permissions. */
  private async authenticate(request: IncomingMessage): Promise<PermissionMap | string> {
    const principal = await this.authenticator.authenticateUpgrade(request);
    if (typeof principal === 'string') {
      this.logger.debug(`websocket refused: ${principal}`);
      return principal;
    }
    if (principal.apiKey?.scope === 'upload') return 'an upload-scoped API key may only be used to upload';
    return principal.permissions;
  }
}
