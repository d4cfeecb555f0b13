import type { nina } from './equipment-client';
import type { IndiRig } from './equipment-rig';

/**
 * Optics that make the INDI CCD simulator's frames solvable with Debian's Tycho-2 07–09 indexes.
 * indi-bin 1.9.9's CCD simulator projects the sky at 206.3 × pixel size / focal length ″/px, the
 * pixel size its own (5.2 µm, 1280 × 1024), the focal length snooped from the telescope's
 * TELESCOPE_INFO (the telescope simulator says 900 mm: a 25′ × 20′ field with a handful of
 * Tycho-2 stars). At 300 mm the field is 76′ × 61′ (about 60 index stars, quads of 22′–60′ fit)
 * and its lookup radius stays under 60′, below which the simulator asks gsc for stars to
 * magnitude 17 (beyond, to 11 only).
 */
export const INDI_SOLVABLE_OPTICS = { focalLengthMm: 300, pixelSizeUm: 5.2 };

/** Sets the focal length on the rig (the telescope's TELESCOPE_INFO, as its owner would) and in the profile (the solver's scale). */
export async function useSolvableOptics(rig: IndiRig, api: ReturnType<typeof nina>): Promise<void> {
  await rig.setprop(`Telescope Simulator.TELESCOPE_INFO.TELESCOPE_FOCAL_LENGTH=${INDI_SOLVABLE_OPTICS.focalLengthMm}`);
  await api.ok('profile/change-value', { settingpath: 'TelescopeSettings-FocalLength', newValue: String(INDI_SOLVABLE_OPTICS.focalLengthMm) });
}
