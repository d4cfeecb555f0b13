import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { CenteringService, CenteringTarget } from './centering.service';

const logger = new Logger('Centering');

/** Aborted when the client goes away before its answer (a solve under way is killed then). */
export function signalOfRequest(request: Request): AbortSignal {
  const controller = new AbortController();
  // The response's close (not the request's, which fires once the request is read) tells a hang-up.
  const response = request.res;
  response?.once('close', () => {
    if (!response.writableEnded) controller.abort();
  });
  return controller.signal;
}

/**
 * How the slew routes run a centring: awaited with waitForResult (its failure is the reply; the
 * caller closing the request aborts it), else in the background after the reply, as ninaAPI starts
 * its slews; a background failure is logged and shows as the `failed` centring step.
 */
export async function runCentering(centering: CenteringService, target: CenteringTarget, waitForResult: boolean, request: Request): Promise<void> {
  if (waitForResult) {
    await centering.centerOrFail(target, signalOfRequest(request));
    return;
  }
  void centering.center(target).catch((err: Error) => logger.warn(`centring failed: ${err.message}`));
}
