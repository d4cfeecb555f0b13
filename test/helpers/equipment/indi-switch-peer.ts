import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SaxesParser } from 'saxes';

/**
 * A power box speaking the INDI XML protocol, for the switch tests: indi-bin 1.9.9 ships no
 * switch simulator. It is chained into the real indiserver as a remote device
 * (`"<name>@127.0.0.1:<port>"`), so Skygate reaches it through indiserver like any driver.
 * It defines what INDI ≥ 2.0.9 switch drivers and common power boxes define: DIGITAL_OUTPUT_1/2
 * (OneOfMany ON/OFF), POWER_CONTROL (AnyOfMany per port), DEW_PWM (%) and POWER_SENSORS (ro).
 */
interface Vector {
  kind: 'Switch' | 'Number';
  name: string;
  perm: 'rw' | 'ro';
  rule?: 'OneOfMany' | 'AnyOfMany';
  elements: { name: string; label: string; value: string; min?: number; max?: number; step?: number }[];
}

const binary = (name: string, on: boolean): Vector => ({
  kind: 'Switch',
  name,
  perm: 'rw',
  rule: 'OneOfMany',
  elements: [
    { name: 'ON', label: 'On', value: on ? 'On' : 'Off' },
    { name: 'OFF', label: 'Off', value: on ? 'Off' : 'On' },
  ],
});

export class IndiSwitchPeer {
  readonly vectors: Vector[] = [
    { kind: 'Switch', name: 'CONNECTION', perm: 'rw', rule: 'OneOfMany', elements: [{ name: 'CONNECT', label: 'Connect', value: 'Off' }, { name: 'DISCONNECT', label: 'Disconnect', value: 'On' }] },
    binary('DIGITAL_OUTPUT_2', false),
    binary('DIGITAL_OUTPUT_1', true),
    { kind: 'Switch', name: 'POWER_CONTROL', perm: 'rw', rule: 'AnyOfMany', elements: [{ name: 'POWER_CONTROL_1', label: 'Camera 12V', value: 'On' }, { name: 'POWER_CONTROL_2', label: 'Mount 12V', value: 'Off' }] },
    { kind: 'Number', name: 'DEW_PWM', perm: 'rw', elements: [{ name: 'DEW_A', label: 'Dew A (%)', value: '0', min: 0, max: 100, step: 1 }] },
    { kind: 'Number', name: 'POWER_SENSORS', perm: 'ro', elements: [{ name: 'SENSOR_VOLTAGE', label: 'Voltage (V)', value: '12.6', min: 0, max: 30, step: 0.1 }] },
  ];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(readonly deviceName: string) {}

  async start(): Promise<number> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  value(vector: string, element: string): string | undefined {
    return this.vectors.find((v) => v.name === vector)?.elements.find((e) => e.name === element)?.value;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const parser = new SaxesParser({ fragment: true });
    let incoming: { vector: string; values: Map<string, string>; element?: string } | null = null;
    parser.on('opentag', (tag) => {
      const attrs = tag.attributes as Record<string, string>;
      if (tag.name === 'getProperties' && (!attrs.device || attrs.device === this.deviceName)) {
        for (const v of this.vectors) socket.write(this.def(v));
      } else if (/^new(Switch|Number)Vector$/.test(tag.name) && attrs.device === this.deviceName) {
        incoming = { vector: attrs.name, values: new Map() };
      } else if (incoming && /^one(Switch|Number)$/.test(tag.name)) {
        incoming.element = attrs.name;
        incoming.values.set(attrs.name, '');
      }
    });
    parser.on('text', (text) => {
      if (incoming?.element) incoming.values.set(incoming.element, incoming.values.get(incoming.element)! + text);
    });
    parser.on('closetag', (tag) => {
      if (incoming && /^new(Switch|Number)Vector$/.test(tag.name)) {
        const vector = this.vectors.find((v) => v.name === incoming!.vector);
        if (vector) socket.write(this.apply(vector, incoming.values));
        incoming = null;
      }
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => parser.write(chunk));
  }

  /** Applies a new*Vector as an INDI driver does (OneOfMany: reset then set) and answers with set*Vector Ok. */
  private apply(vector: Vector, values: Map<string, string>): string {
    if (vector.rule === 'OneOfMany') for (const e of vector.elements) e.value = 'Off';
    for (const e of vector.elements) if (values.has(e.name)) e.value = values.get(e.name)!.trim();
    const ones = vector.elements.map((e) => `<one${vector.kind} name="${e.name}">${e.value}</one${vector.kind}>`).join('');
    return `<set${vector.kind}Vector device="${this.deviceName}" name="${vector.name}" state="Ok">${ones}</set${vector.kind}Vector>\n`;
  }

  private def(v: Vector): string {
    const ones = v.elements
      .map((e) => (v.kind === 'Number' ? `<defNumber name="${e.name}" label="${e.label}" format="%g" min="${e.min}" max="${e.max}" step="${e.step}">${e.value}</defNumber>` : `<defSwitch name="${e.name}" label="${e.label}">${e.value}</defSwitch>`))
      .join('');
    const rule = v.rule ? ` rule="${v.rule}"` : '';
    return `<def${v.kind}Vector device="${this.deviceName}" name="${v.name}" label="${v.name}" group="Main" state="Idle" perm="${v.perm}"${rule} timeout="5">${ones}</def${v.kind}Vector>\n`;
  }
}
