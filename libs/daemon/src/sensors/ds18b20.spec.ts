import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ds18b20Backend, discoverW1Thermometers, parseW1Slave } from './ds18b20';
import { SensorReadError } from './sensor-read-error';

/** Real w1_slave contents as w1-therm writes them (scratchpad bytes, CRC verdict, millidegrees). */
const W1 = {
  good: '72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n',
  negative: '5e ff 4b 46 7f ff 02 10 5d : crc=5d YES\n5e ff 4b 46 7f ff 02 10 5d t=-10125\n',
  crcFailure: '72 01 4b 46 7f ff 0e 10 57 : crc=a3 NO\n72 01 4b 46 7f ff 0e 10 57 t=23125\n',
  powerOnReset: '50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000\n',
  allZero: '00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0\n',
};

describe('DS18B20 over the 1-wire sysfs tree', () => {
  let root: string;
  const sensor = async (id: string, content?: string) => {
    await mkdir(join(root, id), { recursive: true });
    if (content !== undefined) await writeFile(join(root, id, 'w1_slave'), content);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'skygate-w1-'));
    await mkdir(join(root, 'w1_bus_master1'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('discovers DS18B20s (family 28) in id order, skipping the bus master and other families', async () => {
    await sensor('28-0316a2799f0b', W1.good);
    await sensor('28-00000588806a', W1.good);
    await sensor('10-000802b4ce2c', W1.good); // a DS18S20
    await sensor('3a-000000001234'); // a DS2413 switch
    expect(await discoverW1Thermometers(root)).toEqual([
      { id: '28-00000588806a', family: '28', model: 'DS18B20' },
      { id: '28-0316a2799f0b', family: '28', model: 'DS18B20' },
    ]);
    expect((await discoverW1Thermometers(root, ['28', '10'])).map((s) => s.model)).toEqual(['DS18S20', 'DS18B20', 'DS18B20']);
  });

  it('finds nothing, without failing, where no w1 bus driver is loaded', async () => {
    expect(await discoverW1Thermometers(join(root, 'absent'))).toEqual([]);
  });

  it('reads a good and a negative temperature as channels 0 and 1, with Mycodo’s bare ids and an offset', async () => {
    await sensor('28-00000588806a', W1.good);
    await sensor('28-0316a2799f0b', W1.negative);
    const backend = new Ds18b20Backend({ root, sensorIds: ['00000588806A', '28-0316a2799f0b'], offsetC: 0.5 });
    expect(await backend.measure()).toEqual([
      { channel: 0, measurement: 'temperature', unit: 'C', value: 23.625 },
      { channel: 1, measurement: 'temperature', unit: 'C', value: -9.625 },
    ]);
  });

  it('drops a channel whose CRC failed or that read the 85 °C reset value, and says why', async () => {
    await sensor('28-000000000001', W1.good);
    await sensor('28-000000000002', W1.crcFailure);
    await sensor('28-000000000003', W1.powerOnReset);
    const backend = new Ds18b20Backend({ root, sensorIds: ['28-000000000001', '28-000000000002', '28-000000000003'] });
    expect(await backend.measure()).toEqual([{ channel: 0, measurement: 'temperature', unit: 'C', value: 23.125 }]);
    const [, crc, reset] = await backend.readAll();
    expect(crc).toMatchObject({ channel: 1, error: expect.stringContaining('CRC check failed') });
    expect(reset).toMatchObject({ channel: 2, error: expect.stringContaining('85 °C power-on reset') });
  });

  it('rejects with every reason when no sensor can be read (missing sensor, CRC failure)', async () => {
    await sensor('28-000000000002', W1.crcFailure);
    const backend = new Ds18b20Backend({ root, sensorIds: ['28-0000000000ff', '28-000000000002'], retries: 0 });
    const failure = backend.measure();
    await expect(failure).rejects.toThrow(SensorReadError);
    await expect(failure).rejects.toThrow(/28-0000000000ff: not on the 1-wire bus.*28-000000000002: CRC check failed/);
  });

  it('parses the w1_slave format and refuses what is not a temperature', () => {
    expect(parseW1Slave(W1.good)).toBe(23.125);
    expect(parseW1Slave(W1.negative)).toBe(-10.125);
    expect(() => parseW1Slave(W1.allZero, '28-x')).toThrow(/28-x: all-zero scratchpad/);
    expect(() => parseW1Slave('', '28-x')).toThrow(/unreadable/);
    expect(() => parseW1Slave(W1.good.replace('t=23125', 't=130000'))).toThrow(/outside the sensor's range/);
    expect(() => parseW1Slave(W1.good.replace('t=23125', ''))).toThrow(/no t= value/);
  });

  it('refuses an input without sensors', () => {
    expect(() => new Ds18b20Backend({ sensorIds: [] })).toThrow(RangeError);
  });
});
