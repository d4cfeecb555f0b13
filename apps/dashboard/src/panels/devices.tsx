import type { ComponentChildren } from 'preact';
import { api, can } from '../api';
import { nina, ninaAction, type DeviceInfo } from '../nina';
import { ActionButton, Badge, Card, Fields, fmt } from '../ui';

type DeviceRoute = 'camera' | 'mount' | 'focuser' | 'filterwheel' | 'dome' | 'flatdevice' | 'switch' | 'weather' | 'safetymonitor' | 'rotator' | 'guider';

/** Which key values each device shows, from its /v2/api/equipment/info entry. */
const SHOWN: Record<string, (d: DeviceInfo) => [string, ComponentChildren][]> = {
  camera: (d) => [
    ['State', d.CameraState as string],
    ['Temperature', `${fmt(d.Temperature as number)} °C`],
    ['Cooler', d.CoolerOn ? `on, ${fmt(d.CoolerPower as number, 0)} % → ${fmt(d.TemperatureSetPoint as number)} °C` : 'off'],
    ['Gain', d.Gain as number],
    ['Sensor', `${d.XSize as number}×${d.YSize as number}`],
  ],
  mount: (d) => [
    ['RA', d.RightAscensionString as string],
    ['Dec', d.DeclinationString as string],
    ['Alt', d.AltitudeString as string],
    ['Az', d.AzimuthString as string],
    ['Pier side', d.SideOfPier as string],
    ['Parked', d.AtPark ? 'yes' : 'no'],
    ['Tracking', d.TrackingEnabled ? (d.TrackingMode as string) : 'off'],
  ],
  focuser: (d) => [
    ['Position', d.Position as number],
    ['Temperature', `${fmt(d.Temperature as number)} °C`],
    ['Moving', d.IsMoving ? 'yes' : 'no'],
  ],
  filterwheel: (d) => [['Filter', (d.SelectedFilter as { Name?: string } | undefined)?.Name ?? '–']],
  dome: (d) => [
    ['Shutter', d.ShutterStatus as string],
    ['Azimuth', `${fmt(d.Azimuth as number)}°`],
    ['Parked', d.AtPark ? 'yes' : 'no'],
  ],
  flatdevice: (d) => [
    ['Cover', d.CoverState as string],
    ['Light', d.LightOn ? `on (${d.Brightness as number})` : 'off'],
  ],
  switch: (d) => ((d.WritableSwitches as { Name: string; Value: number }[] | undefined) ?? []).concat((d.ReadonlySwitches as { Name: string; Value: number }[] | undefined) ?? []).map((s) => [s.Name, s.Value]),
  weather: (d) => [
    ['Temperature', `${fmt(d.Temperature as number)} °C`],
    ['Humidity', `${fmt(d.Humidity as number, 0)} %`],
    ['Dew point', `${fmt(d.DewPoint as number)} °C`],
    ['Cloud cover', `${fmt(d.CloudCover as number, 0)} %`],
    ['Wind', `${fmt(d.WindSpeed as number)} m/s`],
    ['Sky quality', fmt(d.SkyQuality as number)],
  ],
  safetymonitor: (d) => [['Safe', <Badge on={d.IsSafe as boolean} yes="safe" no="unsafe" />]],
};

/** equipment/info's keys and the route name of each device. */
export const DEVICES: [key: string, route: DeviceRoute, title: string][] = [
  ['Camera', 'camera', 'Camera'],
  ['Mount', 'mount', 'Mount'],
  ['Focuser', 'focuser', 'Focuser'],
  ['FilterWheel', 'filterwheel', 'Filter wheel'],
  ['Dome', 'dome', 'Dome'],
  ['FlatDevice', 'flatdevice', 'Flat panel'],
  ['Switch', 'switch', 'Switches'],
  ['WeatherData', 'weather', 'Weather'],
  ['SafetyMonitor', 'safetymonitor', 'Safety'],
];

/** Extra buttons per device for those allowed to act. */
function DeviceActions({ route, info, reload }: { route: DeviceRoute; info: DeviceInfo; reload: () => void }) {
  const run = (call: () => Promise<string | undefined>) => async () => {
    const failure = await call();
    reload();
    return failure;
  };
  if (!info.Connected) return null;
  switch (route) {
    case 'mount':
      return (
        <div class="buttons">
          {info.AtPark ? (
            <ActionButton label="Unpark" action={run(() => ninaAction(api.GET('/v2/api/equipment/mount/unpark')))} />
          ) : (
            <ActionButton label="Park" action={run(() => ninaAction(api.GET('/v2/api/equipment/mount/park')))} />
          )}
          <ActionButton
            label={info.TrackingEnabled ? 'Stop tracking' : 'Track sidereal'}
            action={run(() => ninaAction(api.GET('/v2/api/equipment/mount/tracking', { params: { query: { mode: info.TrackingEnabled ? 4 : 0 } } })))}
          />
        </div>
      );
    case 'dome':
      return (
        <div class="buttons">
          <ActionButton label="Open shutter" action={run(() => ninaAction(api.GET('/v2/api/equipment/dome/open')))} />
          <ActionButton label="Close shutter" action={run(() => ninaAction(api.GET('/v2/api/equipment/dome/close')))} />
        </div>
      );
    case 'flatdevice':
      return (
        <div class="buttons">
          <ActionButton label={info.LightOn ? 'Light off' : 'Light on'} action={run(() => ninaAction(api.GET('/v2/api/equipment/flatdevice/set-light', { params: { query: { on: !info.LightOn } } })))} />
          <ActionButton label={info.CoverState === 'Closed' ? 'Open cover' : 'Close cover'} action={run(() => ninaAction(api.GET('/v2/api/equipment/flatdevice/set-cover', { params: { query: { closed: info.CoverState !== 'Closed' } } })))} />
        </div>
      );
    default:
      return null;
  }
}

export function DeviceCard({ route, title, info, reload }: { route: DeviceRoute; title: string; info: DeviceInfo | undefined; reload: () => void }) {
  const allowed = can('equipment', 'update');
  const toggle = async () => {
    const call = info?.Connected
      ? api.GET('/v2/api/equipment/{device}/disconnect', { params: { path: { device: route } } })
      : api.GET('/v2/api/equipment/{device}/connect', { params: { path: { device: route } } });
    const failure = await ninaAction(call);
    reload();
    return failure;
  };
  return (
    <Card title={title}>
      <p class="device-name">
        <Badge on={info?.Connected} yes="connected" no="disconnected" /> {info?.DisplayName ?? info?.Name ?? ''}
      </p>
      {info?.Connected && <Fields rows={SHOWN[route]?.(info) ?? []} />}
      {allowed && info && (
        <div class="buttons">
          <ActionButton label={info.Connected ? `Disconnect ${title.toLowerCase()}` : `Connect ${title.toLowerCase()}`} action={toggle} />
        </div>
      )}
      {allowed && info && <DeviceActions route={route} info={info} reload={reload} />}
    </Card>
  );
}

/** Reads the filter list for the capture form. */
export async function filterNames(): Promise<{ Name: string; Id: number }[]> {
  const info = await nina<DeviceInfo>(api.GET('/v2/api/equipment/{device}/info', { params: { path: { device: 'filterwheel' } } }));
  return (info.AvailableFilters as { Name: string; Id: number }[] | undefined) ?? [];
}
