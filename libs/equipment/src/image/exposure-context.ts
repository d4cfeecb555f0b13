import type { EquipmentRegistry } from '../devices/equipment-registry';
import type { ExposureContext } from '../drivers/contract/device-interfaces';
import type { ProfileService } from '../profile/profile.service';

/** Where the camera looks and through what, from the connected devices and the profile (every exposure passes it). */
export function exposureContext(registry: EquipmentRegistry, profile: ProfileService): ExposureContext {
  const arcmin = (key: string) => profile.setting('SimulatorSettings', key, 0) / 60;
  const context: ExposureContext = {
    focalLengthMm: profile.setting('TelescopeSettings', 'FocalLength', 0) || undefined,
    simulation: {
      polarAltErrorDeg: arcmin('PolarAltErrorArcmin'),
      polarAzErrorDeg: arcmin('PolarAzErrorArcmin'),
      pointingErrorRaDeg: arcmin('PointingErrorRaArcmin'),
      pointingErrorDecDeg: arcmin('PointingErrorDecArcmin'),
    },
  };
  const mount = registry.get('mount');
  if (mount.connected) {
    const s = mount.status();
    context.raDeg = s.raHours * 15;
    context.decDeg = s.decDeg;
    context.site = { latitude: s.siteLatitude, longitude: s.siteLongitude };
  }
  const focuser = registry.get('focuser');
  if (focuser.connected) context.focuserPosition = focuser.status().position;
  const wheel = registry.get('filterwheel');
  if (wheel.connected) context.filter = profile.filterNames()[wheel.status().position] ?? '';
  const panel = registry.get('flatdevice');
  if (panel.connected) {
    const p = panel.status();
    if (p.lightOn) context.flatPanelLevel = p.maxBrightness > p.minBrightness ? (p.brightness - p.minBrightness) / (p.maxBrightness - p.minBrightness) : 1;
  }
  const rotator = registry.get('rotator');
  if (rotator.connected) context.rotatorAngleDeg = rotator.status().position;
  return context;
}
