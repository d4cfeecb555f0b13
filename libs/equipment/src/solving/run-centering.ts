import { Logger } from '@nestjs/common';
import type { CenteringService, CenteringTarget } from './centering.service';

const logger = new Logger('Centering');

/**
 * How the slew routes run a centring: awaited with waitForResult (its failure is the reply), else
 * in the background after the reply, as ninaAPI starts its slews; a background failure is logged
 * and shows as the `failed` centring step.
 */
export async function runCentering(centering: CenteringService, target: CenteringTarget, waitForResult: boolean): Promise<void> {
  if (waitForResult) {
    await centering.centerOrFail(target);
    return;
  }
  void centering.center(target).catch((err: Error) => logger.warn(`centring failed: ${err.message}`));
}
