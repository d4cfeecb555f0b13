import type { IncomingMessage } from 'node:http';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { hasPermission, type SocketAuthenticator } from '@app/auth';
import type { OperatorRequests } from '../drivers/networked/operator-requests';

/** One socket's path and words: the two commands ninaAPI knows and the texts it answers with. */
export interface OperatorWording<T> {
  path: string;
  /** The command asking what is pending (`get-target-filter`). */
  ask: string;
  /** The command confirming the pending change (`filter-changed`). */
  confirm: string;
  requested(target: T): string;
  finished: string;
  /** The answer to `ask` with nothing pending. */
  none: string;
  /** The answer to `confirm` with nothing pending (null: none, as ninaAPI's filter wheel). */
  nothingToConfirm: string | null;
  /** Skygate's own answer to a confirmation without equipment:update. */
  forbidden: string;
}

/**
 * The logic of /v2/filterwheel and /v2/rotator (ninaAPI's NetworkedFilterWheelSocket and
 * NetworkedRotatorSocket): every admitted client hears each request and its end; a client that
 * connects mid-change hears nothing until it asks. Listening needs equipment:read; confirming
 * needs equipment:update, checked per message against the socket's current principal.
 * The two gateways only name their requests and words.
 */
export abstract class OperatorSocketGateway<T> implements OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly clients = new Set<WebSocket>();
  private readonly unsubscribe: () => void;
  private readonly logger: Logger;

  constructor(
    private readonly requests: OperatorRequests<T>,
    private readonly wording: OperatorWording<T>,
    private readonly auth: SocketAuthenticator,
  ) {
    this.logger = new Logger(`Socket ${wording.path}`);
    this.unsubscribe = requests.subscribe({
      requested: (target) => this.broadcast(wording.requested(target)),
      finished: () => this.broadcast(wording.finished),
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  handleConnection(client: WebSocket, request: IncomingMessage): void {
    const admitted = this.auth.admit(client, request, { resource: 'equipment', action: 'read' }, (reason) => this.logger.warn(`refused ${this.wording.path} client: ${reason}`));
    void admitted.then((ok) => {
      if (ok) this.clients.add(client);
    });
    // Messages wait for the admission; a refused client's never act.
    client.on('message', (data) => {
      void admitted.then((ok) => (ok ? this.command(client, String(data)) : undefined));
    });
  }

  handleDisconnect(client: WebSocket): void {
    this.clients.delete(client);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    for (const client of this.clients) client.close(1001, 'server shutting down');
  }

  private command(client: WebSocket, message: string): void {
    const { wording } = this;
    if (message === wording.ask) {
      const pending = this.requests.pending;
      this.send(client, pending === null ? wording.none : wording.requested(pending));
    } else if (message === wording.confirm) {
      const permissions = this.auth.principalOf(client)?.permissions ?? {};
      if (!hasPermission(permissions, 'equipment', 'update')) this.send(client, wording.forbidden);
      else if (!this.requests.confirm() && wording.nothingToConfirm !== null) this.send(client, wording.nothingToConfirm);
    }
    // ninaAPI ignores any other message.
  }

  private broadcast(text: string): void {
    for (const client of this.clients) this.send(client, text);
  }

  private send(client: WebSocket, text: string): void {
    if (client.readyState === client.OPEN) client.send(text);
  }
}
