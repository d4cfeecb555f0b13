import type { Logger } from '@nestjs/common';
import type { DeviceDriver } from '../drivers/contract/device-driver';

/**
 * Awaits a move, except on a networked manual device, whose move lasts until a person confirms
 * it: there the route answers at once (ninaAPI's routes never wait) and an ending other than the
 * confirmation (cancelled, replaced, disconnected) is only logged.
 */
export async function awaitUnlessManual(driver: DeviceDriver, move: Promise<unknown>, logger: Logger): Promise<void> {
  if (!driver.manual) {
    await move;
    return;
  }
  move.catch((err: Error) => logger.warn(`${driver.type}: manual move ended unconfirmed: ${err.message}`));
}
