import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ManualClock } from '@app/core';
import { untilSlewEnds } from '../../devices/slew-settle';
import { IndiClient } from './indi-client';
import { IndiMount } from './indi-mount';

const DEVICE = 'Telescope Simulator';

/**
 * A telescope that answers a goto as indi_simulator_telescope 1.9.9 does: the EOD vector stays Ok
 * with TRACK_ON until the driver's next poll (`pollDelayMs`), then Busy with TRACK_OFF while it
 * moves (`slewMs`), then Ok with TRACK_ON again.
 */
class PollingTelescope {
  pollDelayMs = 400;
  slewMs = 600;
  private server: Server | null = null;
  private socket: Socket | null = null;

  async start(): Promise<number> {
    this.server = createServer((socket) => {
      this.socket = socket;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        if (chunk.includes('<getProperties')) socket.write(this.definitions());
        if (chunk.includes('name="CONNECTION"')) socket.write(this.set('Switch', 'CONNECTION', 'Ok', '<oneSwitch name="CONNECT">On</oneSwitch><oneSwitch name="DISCONNECT">Off</oneSwitch>'));
        if (chunk.includes('name="ON_COORD_SET"')) socket.write(this.set('Switch', 'ON_COORD_SET', 'Ok', '<oneSwitch name="TRACK">On</oneSwitch><oneSwitch name="SYNC">Off</oneSwitch>'));
        if (chunk.includes('<newNumberVector') && chunk.includes('EQUATORIAL_EOD_COORD')) this.slew(socket);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private slew(socket: Socket): void {
    // The last poll before the driver noticed the goto: still tracking, the vector still Ok.
    socket.write(this.eod('Ok') + this.tracking(true));
    setTimeout(() => socket.write(this.tracking(false) + this.eod('Busy')), this.pollDelayMs);
    setTimeout(() => socket.write(this.eod('Ok') + this.tracking(true)), this.pollDelayMs + this.slewMs);
  }

  private eod(state: string): string {
    return this.set('Number', 'EQUATORIAL_EOD_COORD', state, '<oneNumber name="RA">5.6</oneNumber><oneNumber name="DEC">-5.4</oneNumber>');
  }

  private tracking(on: boolean): string {
    return this.set('Switch', 'TELESCOPE_TRACK_STATE', on ? 'Busy' : 'Idle', `<oneSwitch name="TRACK_ON">${on ? 'On' : 'Off'}</oneSwitch><oneSwitch name="TRACK_OFF">${on ? 'Off' : 'On'}</oneSwitch>`);
  }

  private set(kind: string, name: string, state: string, body: string): string {
    return `<set${kind}Vector device="${DEVICE}" name="${name}" state="${state}">${body}</set${kind}Vector>\n`;
  }

  private definitions(): string {
    return [
      `<defSwitchVector device="${DEVICE}" name="CONNECTION" state="Idle" perm="rw" rule="OneOfMany"><defSwitch name="CONNECT">Off</defSwitch><defSwitch name="DISCONNECT">On</defSwitch></defSwitchVector>`,
      `<defSwitchVector device="${DEVICE}" name="ON_COORD_SET" state="Idle" perm="rw" rule="OneOfMany"><defSwitch name="TRACK">On</defSwitch><defSwitch name="SYNC">Off</defSwitch></defSwitchVector>`,
      `<defNumberVector device="${DEVICE}" name="EQUATORIAL_EOD_COORD" state="Ok" perm="rw"><defNumber name="RA">5</defNumber><defNumber name="DEC">0</defNumber></defNumberVector>`,
      `<defSwitchVector device="${DEVICE}" name="TELESCOPE_TRACK_STATE" state="Busy" perm="rw" rule="OneOfMany"><defSwitch name="TRACK_ON">On</defSwitch><defSwitch name="TRACK_OFF">Off</defSwitch></defSwitchVector>`,
      `<defSwitchVector device="${DEVICE}" name="TELESCOPE_PARK" state="Ok" perm="rw" rule="OneOfMany"><defSwitch name="PARK">Off</defSwitch><defSwitch name="UNPARK">On</defSwitch></defSwitchVector>`,
    ].join('\n');
  }
}

describe('IndiMount slews', () => {
  const telescope = new PollingTelescope();
  let client: IndiClient;
  let mount: IndiMount;

  beforeAll(async () => {
    const port = await telescope.start();
    client = new IndiClient({ host: '127.0.0.1', port, timeoutSeconds: 5 });
    await client.start();
    mount = new IndiMount(client, DEVICE, new ManualClock('2026-11-30T00:00:00Z'));
    await mount.connect();
  });
  afterAll(async () => {
    client.close();
    await telescope.stop();
  });

  it('reports slewing from the goto until the telescope has moved and settled, also while it still looks idle', async () => {
    expect(mount.status().slewing).toBe(false);
    const started = performance.now();
    await mount.slew(84, -5.4);
    // The telescope has not noticed yet (Ok, tracking): the slew is under way all the same.
    expect(mount.status().slewing).toBe(true);
    await untilSlewEnds(mount);
    expect(mount.status().slewing).toBe(false);
    // Ended only after the Busy spell (pollDelayMs + slewMs), not at the first Ok.
    expect(performance.now() - started).toBeGreaterThanOrEqual(telescope.pollDelayMs + telescope.slewMs - 50);
  });

  it('stops counting a slew when it is aborted', async () => {
    await mount.slew(84, -5.4);
    expect(mount.status().slewing).toBe(true);
    await mount.stopSlew();
    expect(mount.status().slewing).toBe(false);
    await new Promise((r) => setTimeout(r, telescope.pollDelayMs + telescope.slewMs + 100));
  });
});
