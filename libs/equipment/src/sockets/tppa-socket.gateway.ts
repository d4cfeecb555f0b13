import type { IncomingMessage } from 'node:http';
import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { SocketAuthenticator } from '@app/auth';
import { NinaError, ninaFailure, ninaOk, type NinaEnvelope } from '../nina/envelope';
import { PolarAlignmentService, type AlignmentSettings } from '../tppa/polar-alignment.service';

const ACTIONS = {
  'start-alignment': 'started procedure',
  'stop-alignment': 'stopped procedure',
  'pause-alignment': 'paused procedure',
  'resume-alignment': 'resumed procedure',
} as const;
type Action = keyof typeof ACTIONS;

/** Settings Skygate reads, with the type each must have (TPPA's others are accepted and ignored). */
const SETTING_TYPES: Record<keyof AlignmentSettings, 'number' | 'boolean'> = {
  ExposureTime: 'number',
  Binning: 'number',
  Gain: 'number',
  TargetDistance: 'number',
  EastDirection: 'boolean',
  ManualMode: 'boolean',
};
const RANGES: Partial<Record<keyof AlignmentSettings, [number, number]>> = { ExposureTime: [0.001, 600], Binning: [1, 4], Gain: [0, 10000], TargetDistance: [1, 90] };

/**
 * ninaAPI's /v2/tppa: `{Action: start-alignment|stop-alignment|pause-alignment|resume-alignment,
 * ...settings}` (or the bare action text, deprecated) answered with "started procedure" etc.;
 * progress `{Status, Progress}` and the result `{AzimuthError, AltitudeError, TotalError}` go to
 * every client, like ninaAPI relays the TPPA plugin's messages. Bad messages get StatusCode 400
 * naming the problem (ninaAPI ignores them). Connecting needs equipment:update (it moves the mount).
 */
@WebSocketGateway({ path: '/v2/tppa' })
export class TppaSocketGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TppaSocket');
  private readonly clients = new Set<WebSocket>();
  private unsubscribe?: () => void;

  constructor(
    private readonly auth: SocketAuthenticator,
    private readonly alignment: PolarAlignmentService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.alignment.subscribe((message) => this.broadcast(message));
  }

  handleConnection(client: WebSocket, request: IncomingMessage): void {
    const admitted = this.auth.admit(client, request, { resource: 'equipment', action: 'update' }, (reason) => this.logger.warn(`refused /v2/tppa client: ${reason}`));
    void admitted.then((ok) => ok && this.clients.add(client));
    client.on('message', (data) => {
      void admitted.then((ok) => (ok ? this.command(client, String(data)) : undefined));
    });
  }

  handleDisconnect(client: WebSocket): void {
    this.clients.delete(client);
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.alignment.running) this.alignment.stop();
  }

  private command(client: WebSocket, text: string): void {
    try {
      const { action, settings } = parseRequest(text);
      if (action === 'start-alignment') this.alignment.start(settings);
      else if (action === 'stop-alignment') this.alignment.stop();
      else if (action === 'pause-alignment') this.alignment.pause();
      else this.alignment.resume();
      this.broadcast(ninaOk(ACTIONS[action], 'Socket'));
    } catch (err) {
      const known = err instanceof NinaError;
      if (!known) this.logger.error(`tppa: ${(err as Error).message}`);
      send(client, ninaFailure(known ? err.message : 'Unknown error', known ? err.code : 500, 'Socket'));
    }
  }

  private broadcast(message: NinaEnvelope): void {
    for (const client of this.clients) send(client, message);
  }
}

function send(client: WebSocket, message: NinaEnvelope): void {
  if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
}

function parseRequest(text: string): { action: Action; settings: AlignmentSettings } {
  const bare = text.trim();
  if (bare in ACTIONS) return { action: bare as Action, settings: {} };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new NinaError(`Invalid message: expected JSON {"Action": "${Object.keys(ACTIONS).join('|')}", ...settings}`, 400);
  }
  const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof request.Action !== 'string' || !(request.Action in ACTIONS)) throw new NinaError(`Action must be one of ${Object.keys(ACTIONS).join(', ')}`, 400);
  const settings: AlignmentSettings = {};
  for (const [key, type] of Object.entries(SETTING_TYPES) as [keyof AlignmentSettings, 'number' | 'boolean'][]) {
    const value = request[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw new NinaError(`${key} must be a ${type}`, 400);
    const range = RANGES[key];
    if (range && ((value as number) < range[0] || (value as number) > range[1])) throw new NinaError(`${key} must be between ${range[0]} and ${range[1]}`, 400);
    (settings as Record<string, unknown>)[key] = value;
  }
  return { action: request.Action as Action, settings };
}
