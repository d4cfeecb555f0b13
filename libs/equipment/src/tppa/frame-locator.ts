import { Injectable } from '@nestjs/common';
import { localSiderealHours } from '../drivers/astro/astro';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { RawFrame } from '../drivers/contract/device-interfaces';
import { ProfileService } from '../profile/profile.service';
import { misalignedPointing } from './polar-error';

/** What the polar alignment knows about one exposure when it asks where the frame points. */
export interface FrameToLocate {
  frame: RawFrame;
  stars: number;
  /** Where the mount said it pointed (J2000 degrees) and when. */
  mountRaDeg: number;
  mountDecDeg: number;
  at: Date;
  siteLatitude: number;
  siteLongitude: number;
}

/** The centre of a frame on the sky, right ascension and declination of date (degrees). */
export interface FrameCentre {
  raDeg: number;
  decDeg: number;
}

/**
 * Finds where a frame really points: a plate solver's job. Skygate has no plate solver; the
 * in-process simulator stands in for one (it knows where its optics point), every other rig is
 * refused with a message that says so.
 */
@Injectable()
export class FrameLocator {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
  ) {}

  /** Why frames of the current rig cannot be located, or undefined when they can. */
  unavailable(): string | undefined {
    if (this.registry.driverName('camera') === 'simulator' && this.registry.driverName('mount') === 'simulator') return undefined;
    return 'Polar alignment needs a plate solver, which Skygate does not have; only the simulator camera and mount can be measured';
  }

  locate(request: FrameToLocate): FrameCentre {
    const unavailable = this.unavailable();
    if (unavailable) throw new Error(unavailable);
    const arcmin = (key: string) => this.profile.setting('SimulatorSettings', key, 0) / 60;
    return simulatedFrameCentre(request, arcmin('PolarAltErrorArcmin'), arcmin('PolarAzErrorArcmin'));
  }
}

/**
 * Where a simulated mount with the given polar misalignment (degrees) truly points. The
 * simulator's coordinates are its axes' angles, so they are taken as coordinates of date here
 * (precessing them would tilt a perfectly aligned simulator onto the J2000 pole, 0.36° off).
 */
export function simulatedFrameCentre(request: FrameToLocate, altErrDeg: number, azErrDeg: number): FrameCentre {
  const lstDeg = localSiderealHours(request.at, request.siteLongitude) * 15;
  const truth = misalignedPointing(lstDeg - request.mountRaDeg, request.mountDecDeg, request.siteLatitude, altErrDeg, azErrDeg);
  return { raDeg: (((lstDeg - truth.haDeg) % 360) + 360) % 360, decDeg: truth.decDeg };
}
