import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { DeviceRefusal } from '../contract/device-driver';
import { IndiClient } from './indi-client';
import { IndiFocuser } from './indi-focuser';

const DEVICE = 'Focuser Simulator';

/**
 * A focuser driver that, as INDI drivers do, defines its position property only after CONNECTION
 * turns On (`defineAfterMs` later), and never defines FOCUS_NEVER.
 */
class LateFocuser {
  defineAfterMs = 300;
  readonly moves: string[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  async start(): Promise<number> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        if (chunk.includes('<getProperties')) socket.write(this.def('Switch', 'CONNECTION', '<defSwitch name="CONNECT">Off</defSwitch><defSwitch name="DISCONNECT">On</defSwitch>'));
        if (chunk.includes('name="CONNECTION"')) {
          socket.write(`<setSwitchVector device="${DEVICE}" name="CONNECTION" state="Ok"><oneSwitch name="CONNECT">On</oneSwitch><oneSwitch name="DISCONNECT">Off</oneSwitch></setSwitchVector>\n`);
          setTimeout(() => socket.write(this.def('Number', 'ABS_FOCUS_POSITION', '<defNumber name="FOCUS_ABSOLUTE_POSITION" min="0" max="100000" step="1">0</defNumber>')), this.defineAfterMs);
        }
        const move = /<newNumberVector[^>]*name="ABS_FOCUS_POSITION"[\s\S]*?>(\d+)</.exec(chunk);
        if (move) {
          this.moves.push(move[1]);
          socket.write(`<setNumberVector device="${DEVICE}" name="ABS_FOCUS_POSITION" state="Ok"><oneNumber name="FOCUS_ABSOLUTE_POSITION">${move[1]}</oneNumber></setNumberVector>\n`);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private def(kind: string, name: string, body: string): string {
    return `<def${kind}Vector device="${DEVICE}" name="${name}" state="Idle" perm="rw"${kind === 'Switch' ? ' rule="OneOfMany"' : ''}>${body}</def${kind}Vector>\n`;
  }
}

describe('IndiFocuser right after connecting', () => {
  const driver = new LateFocuser();
  let client: IndiClient;
  let focuser: IndiFocuser;

  beforeAll(async () => {
    client = new IndiClient({ host: '127.0.0.1', port: await driver.start(), timeoutSeconds: 5 });
    await client.start();
    focuser = new IndiFocuser(client, DEVICE);
  });
  afterAll(async () => {
    client.close();
    await driver.stop();
  });

  it('waits for a property the driver defines just after CONNECTION turns On, instead of refusing', async () => {
    await focuser.connect();
    expect(focuser.connected).toBe(true);
    expect(client.property(DEVICE, 'ABS_FOCUS_POSITION')).toBeUndefined();
    await focuser.move(1234);
    expect(driver.moves).toEqual(['1234']);
  });

  it('still refuses with 400 a property the device never defines, once the grace is over', async () => {
    const started = Date.now();
    const refusal = await (focuser as unknown as { requireProperty(p: string): Promise<void> }).requireProperty('FOCUS_NEVER').catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(DeviceRefusal);
    expect((refusal as DeviceRefusal).message).toBe(`${DEVICE} has no FOCUS_NEVER`);
    expect(Date.now() - started).toBeLessThan(3500);
  }, 10_000);
});
