import { Logger } from '@nestjs/common';
import { SkyCatalogue } from '@app/plate-solver';
import { j2000ToJNow, jNowToJ2000, localSiderealHours } from '../astro/astro';
import { misalignedPointing } from '../astro/polar-axis';
import type { ExposureContext } from '../contract/device-interfaces';

/** Focal length the simulated sky uses when the profile names none (34.5′ × 27.6′ on the simulator camera). */
export const SIMULATED_FOCAL_LENGTH_MM = 480;

const catalogues = new Map<string, Promise<SkyCatalogue | null>>();

/**
 * The real-sky catalogue from the astrometry.net index files, loaded once per process and folder
 * on first use; null (logged once) when the files are missing, so the simulator falls back to its
 * synthetic field and `npm start` works without astrometry.net.
 */
export function simulatorCatalogue(indexDir: string): Promise<SkyCatalogue | null> {
  let loaded = catalogues.get(indexDir);
  if (!loaded) {
    const catalogue = SkyCatalogue.fromIndexFolder(indexDir);
    loaded = catalogue.load().then(
      ({ stars, file }) => {
        new Logger('SimulatedSky').log(`simulator camera images the real sky: ${stars} stars from ${file}`);
        return catalogue;
      },
      (err: Error) => {
        new Logger('SimulatedSky').warn(`simulator camera images a synthetic sky: ${err.message}`);
        return null;
      },
    );
    catalogues.set(indexDir, loaded);
  }
  return loaded;
}

const wrap360 = (d: number) => ((d % 360) + 360) % 360;

/**
 * What one simulated rig shares between its devices: the sync corrections of the mount (so the
 * camera knows where the axes really are) and the index folder of the sky it images. The mount's
 * pointing-model error and polar misalignment come with each exposure (the profile's
 * SimulatorSettings), so changing them takes effect at the next frame.
 */
export class SimulatedSky {
  /** Added to the axes' coordinates by syncs: reported = axes + syncOffset. */
  private syncOffset = { raDeg: 0, decDeg: 0 };

  constructor(readonly indexDir: string) {}

  /** A new mount (driver switched or recreated) starts without syncs. */
  forgetSyncs(): void {
    this.syncOffset = { raDeg: 0, decDeg: 0 };
  }

  /** A sync to (ra, dec) while the mount reported (fromRa, fromDec). */
  synced(fromRaDeg: number, fromDecDeg: number, raDeg: number, decDeg: number): void {
    this.syncOffset = { raDeg: wrap360(this.syncOffset.raDeg + raDeg - fromRaDeg + 180) - 180, decDeg: this.syncOffset.decDeg + decDeg - fromDecDeg };
  }

  /**
   * Where the optics truly point (J2000): the mount's reported coordinates less its syncs, plus the
   * pointing-model error, then turned by the polar misalignment about the pole of date at the
   * exposure's sidereal time (TPPA measures it the same way, in coordinates of date).
   */
  truePointing(context: ExposureContext, at: Date): { raDeg: number; decDeg: number } {
    const errors = context.simulation;
    const raDeg = wrap360((context.raDeg ?? 0) - this.syncOffset.raDeg + (errors?.pointingErrorRaDeg ?? 0));
    const decDeg = Math.max(-90, Math.min(90, (context.decDeg ?? 90) - this.syncOffset.decDeg + (errors?.pointingErrorDecDeg ?? 0)));
    if (!errors || !context.site || (errors.polarAltErrorDeg === 0 && errors.polarAzErrorDeg === 0)) return { raDeg, decDeg };
    const ofDate = j2000ToJNow(raDeg, decDeg, at);
    const lstDeg = localSiderealHours(at, context.site.longitude) * 15;
    const truth = misalignedPointing(lstDeg - ofDate.raDeg, ofDate.decDeg, context.site.latitude, errors.polarAltErrorDeg, errors.polarAzErrorDeg);
    return jNowToJ2000(wrap360(lstDeg - truth.haDeg), truth.decDeg, at);
  }
}
