import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ManualClock } from '@app/core';
import { encodeFits } from '../image/fits';
import { IndiCamera } from './indi-camera';
import { IndiClient } from './indi-client';

const DEVICE = 'CCD Simulator';

/**
 * A CCD that answers an exposure as indi_simulator_ccd 1.9.9 can: Busy, then the BLOB, then
 * Ok only `okDelayMs` later. `busyAfterOk` plays a second client starting its own exposure.
 */
class LaggingCcd {
  okDelayMs = 300;
  private server: Server | null = null;
  private socket: Socket | null = null;

  async start(): Promise<number> {
    this.server = createServer((socket) => {
      this.socket = socket;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        if (chunk.includes('<getProperties')) socket.write(this.definitions());
        if (chunk.includes('name="CONNECTION"')) socket.write(this.set('Switch', 'CONNECTION', 'Ok', '<oneSwitch name="CONNECT">On</oneSwitch><oneSwitch name="DISCONNECT">Off</oneSwitch>'));
        if (chunk.includes('name="CCD_EXPOSURE"')) this.expose(socket);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  busyAfterOk(): void {
    this.socket?.write(this.exposure('Busy', 5));
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private expose(socket: Socket): void {
    const fits = encodeFits(8, 8, new Uint16Array(64).fill(1000), []);
    socket.write(this.exposure('Busy', 0));
    socket.write(`<setBLOBVector device="${DEVICE}" name="CCD1" state="Ok"><oneBLOB name="CCD1" size="${fits.length}" format=".fits" len="${fits.length}">${fits.toString('base64')}</oneBLOB></setBLOBVector>\n`);
    setTimeout(() => socket.write(this.exposure('Ok', 0)), this.okDelayMs);
  }

  private exposure(state: string, value: number): string {
    return this.set('Number', 'CCD_EXPOSURE', state, `<oneNumber name="CCD_EXPOSURE_VALUE">${value}</oneNumber>`);
  }

  private set(kind: string, name: string, state: string, body: string): string {
    return `<set${kind}Vector device="${DEVICE}" name="${name}" state="${state}">${body}</set${kind}Vector>\n`;
  }

  private definitions(): string {
    return [
      `<defSwitchVector device="${DEVICE}" name="CONNECTION" state="Idle" perm="rw" rule="OneOfMany"><defSwitch name="CONNECT">Off</defSwitch><defSwitch name="DISCONNECT">On</defSwitch></defSwitchVector>`,
      `<defNumberVector device="${DEVICE}" name="CCD_EXPOSURE" state="Idle" perm="rw"><defNumber name="CCD_EXPOSURE_VALUE">1</defNumber></defNumberVector>`,
      `<defBLOBVector device="${DEVICE}" name="CCD1" state="Idle" perm="ro"><defBLOB name="CCD1"/></defBLOBVector>`,
    ].join('\n');
  }
}

describe('IndiCamera exposure state', () => {
  const peer = new LaggingCcd();
  let client: IndiClient;
  let camera: IndiCamera;

  beforeAll(async () => {
    const port = await peer.start();
    client = new IndiClient({ host: '127.0.0.1', port, timeoutSeconds: 5 });
    camera = new IndiCamera(client, DEVICE, new ManualClock());
    await camera.connect();
  });

  afterAll(async () => {
    client.close();
    await peer.stop();
  });

  it('is exposing from the request on, before INDI says Busy', async () => {
    const exposure = camera.expose({ durationSeconds: 0.001, imageType: 'LIGHT', context: {} });
    expect(camera.status().state).toBe('Exposing');
    await exposure;
  });

  it('is idle once its BLOB arrived although INDI still reads Busy (a capture may follow at once)', async () => {
    peer.okDelayMs = 400;
    const frame = await camera.expose({ durationSeconds: 0.001, imageType: 'LIGHT', context: {} });
    expect(frame.width).toBe(8);
    expect(client.property(DEVICE, 'CCD_EXPOSURE')?.state).toBe('Busy');
    expect(camera.status().state).toBe('Idle');
    await client.waitFor(DEVICE, 'CCD_EXPOSURE', (p) => p.state === 'Ok');
    expect(camera.status().state).toBe('Idle');
  });

  it('shows an exposure that another client starts after INDI settled', async () => {
    peer.busyAfterOk();
    await client.waitFor(DEVICE, 'CCD_EXPOSURE', (p) => p.state === 'Busy');
    expect(camera.status().state).toBe('Exposing');
  });
});
