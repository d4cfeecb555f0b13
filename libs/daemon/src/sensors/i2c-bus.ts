import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The few SMBus transfers register-based sensors need; one bus, many 7-bit addresses. */
export interface I2cBus {
  readByte(address: number, register: number): Promise<number>;
  readBlock(address: number, register: number, length: number): Promise<Buffer>;
  writeByte(address: number, register: number, value: number): Promise<void>;
  close?(): Promise<void>;
}

/** The part of the optional `i2c-bus` package used here (it is a native addon, so no type import). */
interface I2cBusModule {
  openPromisified(busNumber: number): Promise<{
    readByte(address: number, command: number): Promise<number>;
    readI2cBlock(address: number, command: number, length: number, buffer: Buffer): Promise<{ bytesRead: number; buffer: Buffer }>;
    writeByte(address: number, command: number, byte: number): Promise<void>;
    close(): Promise<void>;
  }>;
}

export class I2cUnavailableError extends Error {
  override readonly name = 'I2cUnavailableError';
}

/**
 * Opens `/dev/i2c-<busNumber>` through the `i2c-bus` package, loaded only here, so machines
 * without I2C (or without the native addon built) never need it.
 */
export async function openI2cBus(busNumber: number, load: (id: string) => unknown = createRequire(__filename)): Promise<I2cBus> {
  let i2c: I2cBusModule;
  try {
    i2c = load('i2c-bus') as I2cBusModule;
  } catch (err) {
    throw new I2cUnavailableError(`I2C needs the optional package "i2c-bus", which is not installed or not built (${(err as Error).message}); run npm install i2c-bus`);
  }
  let bus: Awaited<ReturnType<I2cBusModule['openPromisified']>>;
  try {
    // i2c-bus opens the device file lazily, on the first transfer: check it now, for a clear error at start-up.
    await access(`/dev/i2c-${busNumber}`, constants.R_OK | constants.W_OK);
    bus = await i2c.openPromisified(busNumber);
  } catch (err) {
    throw new I2cUnavailableError(`cannot open /dev/i2c-${busNumber} (${(err as Error).message}); is I2C enabled and is the user in the i2c group?`);
  }
  return {
    readByte: (address, register) => bus.readByte(address, register),
    readBlock: async (address, register, length) => {
      const { bytesRead, buffer } = await bus.readI2cBlock(address, register, length, Buffer.alloc(length));
      if (bytesRead !== length) throw new Error(`I2C 0x${address.toString(16)}: read ${bytesRead} of ${length} bytes at 0x${register.toString(16)}`);
      return buffer;
    },
    writeByte: (address, register, value) => bus.writeByte(address, register, value),
    close: () => bus.close(),
  };
}

/** A device on the memory bus: 256 registers and optional reactions to reads and writes. */
export interface MemoryI2cDevice {
  registers: Uint8Array;
  /** Called after a register was read (e.g. to change a status bit between polls). */
  onRead?(register: number): void;
  onWrite?(register: number, value: number): void;
}

/** An I2C bus in memory, for tests and the simulated mode: answers from register maps. */
export class MemoryI2cBus implements I2cBus {
  private readonly devices = new Map<number, MemoryI2cDevice>();
  readonly writes: Array<{ address: number; register: number; value: number }> = [];

  attach(address: number, device: MemoryI2cDevice): this {
    this.devices.set(address, device);
    return this;
  }

  async readByte(address: number, register: number): Promise<number> {
    const device = this.device(address);
    const value = device.registers[register];
    device.onRead?.(register);
    return value;
  }

  async readBlock(address: number, register: number, length: number): Promise<Buffer> {
    return Buffer.from(this.device(address).registers.subarray(register, register + length));
  }

  async writeByte(address: number, register: number, value: number): Promise<void> {
    const device = this.device(address);
    this.writes.push({ address, register, value });
    device.registers[register] = value;
    device.onWrite?.(register, value);
  }

  private device(address: number): MemoryI2cDevice {
    const device = this.devices.get(address);
    // What Linux reports when nothing acknowledges the address.
    if (!device) throw Object.assign(new Error(`Remote I/O error: no device at 0x${address.toString(16)}`), { code: 'EREMOTEIO' });
    return device;
  }
}
