import type { DataFileEntity, DataPackageEntity, DatasetEntity, FrameEntity, NightLogEntity } from '../entities/data.entities';
import type { AllskyCameraEntity, AllskyImageEntity, ObservingSiteEntity, TelescopeEntity } from '../entities/site.entities';
import type { DataFileDto, DataPackageDto, DatasetDto, FrameDto, NightLogDto } from './data.dto';
import type { AllskyCameraDto, AllskyImageDto, CoordinatesDto, ObservingSiteDto, TelescopeDto } from './site.dto';

function coordinatesOf(site: ObservingSiteEntity | null | undefined): CoordinatesDto | null {
  if (!site || site.longitude === null || site.latitude === null) return null;
  return { longitude: site.longitude, latitude: site.latitude, height: site.height ?? undefined };
}

export const toSiteDto = (s: ObservingSiteEntity, telescopes: string[]): ObservingSiteDto => ({
  uuid: s.uuid,
  name: s.name,
  short_name: s.shortName,
  coordinates: coordinatesOf(s),
  time_zone: s.timeZone,
  telescopes,
});

export const toTelescopeDto = (t: TelescopeEntity, site: ObservingSiteEntity | null | undefined): TelescopeDto => ({
  uuid: t.uuid,
  name: t.name,
  acronym: t.acronym,
  observing_site: t.observingSite,
  coordinates: coordinatesOf(site),
});

export const toCameraDto = (c: AllskyCameraEntity): AllskyCameraDto => ({ uuid: c.uuid, name: c.name, observing_site: c.observingSite });

export const toImageDto = (i: AllskyImageEntity): AllskyImageDto => ({
  id: i.uuid,
  uuid: i.uuid,
  camera: i.camera,
  utc_timestamp: i.utcTimestamp.toISOString(),
  file_name: i.fileName,
  size: i.size,
});

export const toNightLogDto = (n: NightLogEntity): NightLogDto => ({ uuid: n.uuid, date: n.date, telescope: n.telescope });

export const toDatasetDto = (d: DatasetEntity, count: number): DatasetDto => ({ uuid: d.uuid, name: d.name, telescope: d.telescope, tags: d.tags, data_files_count: count, is_public: d.isPublic });

export const toPackageDto = (p: DataPackageEntity): DataPackageDto => ({ uuid: p.uuid, name: p.name, description: p.description, datasets: p.datasets });

export const toFrameDto = (f: FrameEntity): FrameDto => ({
  uuid: f.uuid,
  name: f.name,
  target_name: f.targetName,
  night_log: f.nightLog,
  dataset: f.dataset,
  data_file: f.dataFile,
  frame_type: f.frameType,
  calibration_type: f.calibrationType,
  exposure_time: f.exposureTime,
  filter: f.filter,
  instrument: f.instrument,
  telescope_name: f.telescopeName,
  date: f.dateObs ? f.dateObs.toISOString() : null,
  date_source: f.dateSource,
});

export const toDataFileDto = (f: DataFileEntity, frame: FrameEntity | undefined): DataFileDto => ({
  id: f.id,
  pk: f.id,
  file: `/datafiles/${f.id}/download/`,
  file_name: f.fileName,
  dataset: f.dataset,
  is_raw: f.isRaw,
  tags: f.tags,
  size: f.size,
  sha256: f.sha256,
  format: f.format,
  compression: f.compression,
  header_status: f.headerStatus,
  header_error: f.headerError,
  header: f.header,
  observation: frame?.kind === 'observation' ? frame.uuid : null,
  calibration: frame?.kind === 'calibration' ? frame.uuid : null,
});
