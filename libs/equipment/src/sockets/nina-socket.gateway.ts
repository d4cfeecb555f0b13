import type { IncomingMessage } from 'node:http';
import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { SocketAuthenticator } from '@app/auth';
import { EventBus } from '@app/core';
import { ninaOk } from '../nina/envelope';
import { ninaEventFeed } from '../history/nina-event-feed';

/**
 * ninaAPI's /v2/socket: every equipment event as `{Response: {Event, ...}, Type: "Socket"}`.
 * Inbound `enable-consumer-events` / `disable-consumer-events` are accepted and ignored, as in
 * ninaAPI 2.2.15 (it never sends *-INFO-UPDATED either).
 */
@WebSocketGateway({ path: '/v2/socket' })
export class NinaSocketGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NinaSocket');
  private readonly clients = new Set<WebSocket>();
  private subscription?: Subscription;

  constructor(
    private readonly bus: EventBus,
    private readonly auth: SocketAuthenticator,
  ) {}

  onModuleInit(): void {
    this.subscription = ninaEventFeed(this.bus).subscribe(({ event }) => {
      // Encoded once for every client (a string would be UTF-8 encoded again per send), sent as text.
      const message = Buffer.from(JSON.stringify(ninaOk(event, 'Socket')));
      for (const client of this.clients) if (client.readyState === client.OPEN) client.send(message, { binary: false });
    });
  }

  /** Admitted clients (tests wait for this to grow after opening a socket). */
  get clientCount(): number {
    return this.clients.size;
  }

  async handleConnection(client: WebSocket, request: IncomingMessage): Promise<void> {
    // Hold events until the client is known to be allowed; none may leak to a refused client.
    const admitted = await this.auth.admit(client, request, { resource: 'equipment', action: 'read' }, (reason) => this.logger.warn(`refused /v2/socket client: ${reason}`));
    if (admitted) this.clients.add(client);
  }

  handleDisconnect(client: WebSocket): void {
    this.clients.delete(client);
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    for (const client of this.clients) client.close(1001, 'server shutting down');
  }
}
