import type { IncomingMessage } from 'node:http';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { SocketAuthenticator } from '@app/auth';
import { Clock } from '@app/core';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { DeviceRefusal } from '../drivers/contract/device-driver';
import type { MountAxis } from '../drivers/contract/device-interfaces';
import { ninaFailure, ninaOk } from '../nina/envelope';

/** ninaAPI stops a manual move when no command came for this long (MountAxisMoveSocket). */
export const MOUNT_MOVE_WATCHDOG_MS = 2000;
/** How often the watchdog looks; ninaAPI's own check fires between 1.8 and 2 s after the last command. */
const WATCHDOG_TICK_MS = 200;

const DIRECTIONS: Record<string, { axis: MountAxis; sign: 1 | -1 }> = {
  east: { axis: 'primary', sign: 1 },
  west: { axis: 'primary', sign: -1 },
  north: { axis: 'secondary', sign: 1 },
  south: { axis: 'secondary', sign: -1 },
};

class MoveRequestError extends Error {}

interface AxisMove {
  rate: number;
  lastCommandMs: number;
  client: WebSocket;
}

/**
 * ninaAPI's /v2/mount: `{direction: east|west|north|south, rate}` (degrees per second) moves that
 * axis and must be resent at least every 2 s, otherwise the axis is stopped; `rate: 0` stops it.
 * Replies `"Moving"` / `"Stopped Move"` in the socket envelope, errors as StatusCode 400 (409 for
 * a refusing device). Time is the injected Clock's, so tests drive the watchdog with a ManualClock.
 * Deliberate differences: moves need equipment:update (checked on connect, close 4401/4403); the
 * client that started a move also gets "Stopped Move" when the watchdog stops it, and a closing
 * client's moves stop at once instead of after 2 s.
 */
@WebSocketGateway({ path: '/v2/mount' })
export class MountSocketGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('MountSocket');
  private readonly moves = new Map<MountAxis, AxisMove>();
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly auth: SocketAuthenticator,
    private readonly registry: EquipmentRegistry,
    private readonly clock: Clock,
  ) {}

  handleConnection(client: WebSocket, request: IncomingMessage): void {
    const admitted = this.auth.admit(client, request, { resource: 'equipment', action: 'update' }, (reason) => this.logger.warn(`refused /v2/mount client: ${reason}`));
    client.on('message', (data) => {
      void admitted.then((ok) => (ok ? this.command(client, String(data)) : undefined));
    });
  }

  handleDisconnect(client: WebSocket): void {
    for (const [axis, move] of this.moves) if (move.client === client) void this.stop(axis, 'its client left');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.moves.keys()].map((axis) => this.stop(axis, 'shutting down')));
  }

  private async command(client: WebSocket, text: string): Promise<void> {
    try {
      const { axis, rate } = parseMove(text);
      const mount = this.registry.get('mount');
      if (!mount.connected) throw new MoveRequestError('Mount not connected');
      if (rate !== 0 && mount.status().atPark) throw new MoveRequestError('Mount parked');
      const current = this.moves.get(axis);
      if (rate === 0) {
        this.moves.delete(axis);
        await mount.moveAxis(axis, 0);
        this.reply(client, ninaOk('Stopped Move', 'Socket'));
        return;
      }
      // Resending the same command only refreshes the watchdog, as in ninaAPI.
      if (current?.rate !== rate) await mount.moveAxis(axis, rate);
      this.moves.set(axis, { rate, lastCommandMs: this.clock.nowMs(), client });
      this.watchdog ??= setInterval(() => this.checkWatchdog(), WATCHDOG_TICK_MS).unref();
      this.reply(client, ninaOk('Moving', 'Socket'));
    } catch (err) {
      if (err instanceof MoveRequestError) this.reply(client, ninaFailure(err.message, 400, 'Socket'));
      else if (err instanceof DeviceRefusal) this.reply(client, ninaFailure(err.message, err.code, 'Socket'));
      else {
        this.logger.error(`mount move failed: ${(err as Error).message}`);
        this.reply(client, ninaFailure('Unknown error', 500, 'Socket'));
      }
    }
  }

  private checkWatchdog(): void {
    const now = this.clock.nowMs();
    for (const [axis, move] of this.moves) {
      if (now - move.lastCommandMs < MOUNT_MOVE_WATCHDOG_MS) continue;
      void this.stop(axis, 'no command for 2 s').then(() => this.reply(move.client, ninaOk('Stopped Move', 'Socket')));
    }
  }

  private async stop(axis: MountAxis, why: string): Promise<void> {
    this.moves.delete(axis);
    if (this.moves.size === 0 && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
    this.logger.log(`stopping the ${axis} axis: ${why}`);
    await this.registry
      .get('mount')
      .moveAxis(axis, 0)
      .catch((err: Error) => this.logger.error(`could not stop the ${axis} axis: ${err.message}`));
  }

  private reply(client: WebSocket, message: object): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
  }
}

/** `{direction, rate}` → the axis and its signed rate; the messages name what is wrong. */
function parseMove(text: string): { axis: MountAxis; rate: number } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    throw new MoveRequestError('Invalid message: expected JSON {"direction": "east|west|north|south", "rate": <degrees per second>}');
  }
  const { direction, rate } = (message ?? {}) as { direction?: unknown; rate?: unknown };
  const move = typeof direction === 'string' ? DIRECTIONS[direction.toLowerCase()] : undefined;
  if (!move) throw new MoveRequestError('Invalid direction');
  const value = typeof rate === 'string' && rate.trim() !== '' ? Number(rate) : rate;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MoveRequestError('rate must be a number (degrees per second)');
  return { axis: move.axis, rate: move.sign * value };
}
