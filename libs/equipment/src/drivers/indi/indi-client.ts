import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { getProperties, IndiStreamParser, newVector, type IndiMessage, type IndiProperty } from './indi-protocol';

export class IndiTimeoutError extends Error {
  constructor(what: string, seconds: number) {
    super(`INDI ${what} did not answer within ${seconds} s`);
    this.name = 'IndiTimeoutError';
  }
}

export interface IndiClientOptions {
  host: string;
  port: number;
  /** Seconds to wait for an answer; INDI sends nothing at all for an unknown property. */
  timeoutSeconds: number;
  /** Reconnect delays grow from this to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

type Waiter = { matches: (p: IndiProperty) => boolean; resolve: (p: IndiProperty) => void };

/**
 * One TCP connection to an indiserver, shared by every INDI device driver. It keeps the latest
 * value of every property, lets drivers wait for a property to reach a state (with a timeout,
 * because INDI answers an unknown or refused request with silence), and reconnects with
 * exponential backoff when the server goes away. Events: 'up', 'down', 'property', 'delete', 'message'.
 */
export class IndiClient extends EventEmitter {
  private readonly logger = new Logger('IndiClient');
  private readonly properties = new Map<string, IndiProperty>();
  private readonly waiters = new Set<Waiter>();
  private readonly parser = new IndiStreamParser((m) => this.receive(m));
  private socket: Socket | null = null;
  private up = false;
  private closed = false;
  private backoff: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;

  constructor(readonly options: IndiClientOptions) {
    super();
    this.backoff = options.minBackoffMs ?? 250;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Connects (once; later calls share the attempt) and asks for every property. */
  start(): Promise<void> {
    this.closed = false;
    if (this.up) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.destroy();
  }

  property(device: string, name: string): IndiProperty | undefined {
    return this.properties.get(`${device}\u0000${name}`);
  }

  /** Every property a device has defined, in definition order. */
  propertiesOf(device: string): IndiProperty[] {
    return [...this.properties.values()].filter((p) => p.device === device);
  }

  value(device: string, name: string, element: string): string | undefined {
    return this.property(device, name)?.values.get(element);
  }

  number(device: string, name: string, element: string): number | undefined {
    const v = this.value(device, name, element);
    return v === undefined ? undefined : Number(v);
  }

  send(xml: string): void {
    if (!this.socket || !this.up) throw new Error('INDI server not connected');
    this.socket.write(xml);
  }

  sendNew(kind: 'Text' | 'Number' | 'Switch', device: string, name: string, values: Record<string, string | number>): void {
    this.send(newVector(kind, device, name, values));
  }

  /** Resolves with the property once `matches` holds (checked now and on every update), or times out. */
  waitFor(device: string, name: string, matches: (p: IndiProperty) => boolean, seconds = this.options.timeoutSeconds): Promise<IndiProperty> {
    const current = this.property(device, name);
    if (current && matches(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches: (p) => p.device === device && p.name === name && matches(p),
        resolve: (p) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new IndiTimeoutError(`${device}.${name}`, seconds));
      }, seconds * 1000);
      this.waiters.add(waiter);
    });
  }

  /** Sends a new value and waits for the device to settle: Ok (after Busy or at once), failing on Alert or silence. */
  async change(kind: 'Text' | 'Number' | 'Switch', device: string, name: string, values: Record<string, string | number>, seconds?: number): Promise<IndiProperty> {
    const before = this.property(device, name);
    if (!before) throw new IndiTimeoutError(`${device}.${name} (not defined)`, 0);
    let sawUpdate = false;
    const settled = this.waitFor(device, name, (p) => {
      if (p !== before) sawUpdate = true;
      return sawUpdate && (p.state === 'Ok' || p.state === 'Alert' || (p.state === 'Idle' && kind !== 'Number'));
    }, seconds ?? Math.max(this.options.timeoutSeconds, before.timeout));
    this.sendNew(kind, device, name, values);
    const result = await settled;
    if (result.state === 'Alert') throw new Error(`${device} refused ${name}`);
    return result;
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.setNoDelay(true);
      socket.setEncoding('utf8');
      const fail = (err: Error) => {
        socket.destroy();
        reject(err);
      };
      const timer = setTimeout(() => fail(new IndiTimeoutError(`server ${this.options.host}:${this.options.port}`, this.options.timeoutSeconds)), this.options.timeoutSeconds * 1000);
      socket.once('error', fail);
      socket.connect(this.options.port, this.options.host, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        socket.on('error', (err) => this.logger.warn(`INDI socket: ${err.message}`));
        socket.on('data', (chunk: string) => this.parser.write(chunk));
        socket.on('close', () => this.lost());
        this.socket = socket;
        this.up = true;
        this.backoff = this.options.minBackoffMs ?? 250;
        socket.write(getProperties());
        this.emit('up');
        resolve();
      });
    });
  }

  private lost(): void {
    const wasUp = this.up;
    this.up = false;
    this.socket = null;
    this.properties.clear();
    this.parser.reset();
    if (wasUp) this.emit('down');
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start().catch(() => this.lost());
    }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
  }

  private receive(message: IndiMessage): void {
    if (message.type === 'del') {
      for (const key of this.properties.keys()) {
        const [device, name] = key.split('\u0000');
        if (device === message.device && (!message.name || message.name === name)) this.properties.delete(key);
      }
      this.emit('delete', message.device, message.name);
      return;
    }
    if (message.type === 'message') {
      this.emit('message', message.device, message.text);
      return;
    }
    const key = `${message.property.device}\u0000${message.property.name}`;
    const known = this.properties.get(key);
    // set* carries only the elements that changed: merge into what def* defined.
    const merged: IndiProperty =
      message.type === 'set' && known
        ? { ...known, state: message.property.state, timeout: message.property.timeout || known.timeout, values: new Map([...known.values, ...message.property.values]), blobs: new Map([...known.blobs, ...message.property.blobs]) }
        : message.property;
    this.properties.set(key, merged);
    this.emit('property', merged, message.type);
    for (const waiter of this.waiters) if (waiter.matches(merged)) waiter.resolve(merged);
  }
}
