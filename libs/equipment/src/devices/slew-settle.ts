import type { MountDriver } from '../drivers/contract/device-interfaces';

/**
 * Waits while the mount reports a slew: a slew call returns once the goto is sent (INDI mounts
 * take seconds to get there, the simulator none), and whoever exposes next must wait for it.
 */
export async function untilSlewEnds(mount: MountDriver, signal?: AbortSignal, maxSeconds = 180): Promise<void> {
  for (let i = 0; i < maxSeconds * 10 && mount.status().slewing; i++) {
    signal?.throwIfAborted();
    await new Promise((r) => setTimeout(r, 100));
  }
}
