import { Injectable } from '@nestjs/common';
import type { ParsedHeader } from '@app/core';
import type { DataFileEntity, DatasetEntity, FrameEntity } from '../entities/data.entities';
import { frameMetadata } from '../ingest/frame-metadata';
import { nightDate } from '../ingest/night';
import { DatasetsService } from './datasets.service';
import { SitesService } from './sites.service';

/**
 * Turns a FITS/XISF data file into an Observation or a Calibration (IMAGETYP/FRAME/OBSTYPE bias,
 * dark, flat → calibration) and files it in the night log of the dataset's telescope for the
 * night holding its date (see ingest/night.ts for the local-noon rule).
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly sites: SitesService,
  ) {}

  async ingest(file: DataFileEntity, dataset: DatasetEntity, header: ParsedHeader): Promise<FrameEntity> {
    const meta = frameMetadata(header);
    const nightLog = meta.date && dataset.telescope ? await this.nightLogFor(dataset, dataset.telescope, meta.date) : null;
    return this.datasets.addFrame({
      kind: meta.kind,
      name: file.fileName,
      calibrationType: meta.calibrationType ?? null,
      frameType: meta.frameType ?? null,
      targetName: meta.targetName ?? '',
      exposureTime: meta.exposureTime ?? null,
      filter: meta.filter ?? null,
      instrument: meta.instrument ?? null,
      telescopeName: meta.telescope ?? null,
      dateObs: meta.date ?? null,
      dateSource: meta.dateSource ?? null,
      nightLog,
      dataset: dataset.uuid,
      dataFile: file.id,
      owner: dataset.owner,
      organisation: dataset.organisation,
    });
  }

  private async nightLogFor(dataset: DatasetEntity, telescopeId: string, date: Date): Promise<string | null> {
    const telescope = await this.sites.findTelescope(telescopeId);
    if (!telescope) return null;
    const site = await this.sites.siteOf(telescope);
    const night = nightDate(date, { timeZone: site?.timeZone, longitude: site?.longitude });
    return (await this.datasets.nightLogFor(telescopeId, night, dataset)).uuid;
  }
}
