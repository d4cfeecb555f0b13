import { basename } from 'node:path';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus, FileExistsError, FileStore } from '@app/core';
// Type only: the archive listens to Equipment's event on the bus; it never calls into Equipment.
import type { CaptureSavedEvent } from '@app/equipment';
import type { DataFileEntity, DatasetEntity } from '../entities/data.entities';
import type { TelescopeEntity } from '../entities/site.entities';
import { nightDate } from '../ingest/night';
import { DataFilesService } from './data-files.service';
import { DatasetsService } from './datasets.service';
import { SitesService } from './sites.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tag of the datasets this service creates, so dashboards can find camera captures. */
export const CAPTURE_DATASET_TAG = 'equipment-capture';

/** What the archive needs of an Equipment capture (equipment.capture-saved). */
export interface CaptureAnnouncement {
  /** The FITS file's path inside the file store. */
  filePath: string;
  /** The active profile's TelescopeSettings-Name: an archive telescope's UUID or its name. */
  telescope: string;
  capturedAt: Date;
}

/**
 * Files the Equipment module's camera captures in the archive. On equipment.capture-saved, when
 * the active profile's telescope (TelescopeSettings-Name) is an archive telescope, named by its
 * UUID or by its unique name, the capture's FITS file gets a second name (a hard link, the bytes are not
 * copied) in the telescope's dataset "Captures <night>" and is ingested like an upload: an
 * observation or calibration in that night's log. Captures are filed one at a time in arrival
 * order, so concurrent captures meet on one dataset.
 */
@Injectable()
export class CaptureIngestService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CaptureIngestService.name);
  private subscription?: Subscription;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly bus: EventBus,
    private readonly store: FileStore,
    private readonly sites: SitesService,
    private readonly datasets: DatasetsService,
    private readonly dataFiles: DataFilesService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.on('equipment.capture-saved').subscribe(({ payload }) => void this.enqueue(announcement(payload)));
  }

  /** Stops listening and lets the captures already announced finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.idle();
  }

  /** Resolves once every capture announced so far has been filed or skipped. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Files one capture; null when the profile's telescope is not an archive telescope. */
  enqueue(capture: CaptureAnnouncement): Promise<DataFileEntity | null> {
    const filed = this.queue.then(() => this.file(capture));
    this.queue = filed.catch((err: unknown) => this.logger.error(`capture ${capture.filePath} was not filed in the archive: ${String(err)}`));
    return filed;
  }

  private async file(capture: CaptureAnnouncement): Promise<DataFileEntity | null> {
    const telescope = await this.telescopeNamed(capture.telescope);
    if (!telescope) return null;
    const site = await this.sites.siteOf(telescope);
    const night = nightDate(capture.capturedAt, { timeZone: site?.timeZone, longitude: site?.longitude });
    const dataset = await this.datasetFor(telescope, night);
    const fileName = basename(capture.filePath);
    let stored;
    try {
      stored = await this.store.link(capture.filePath, `archive/${dataset.uuid}/${fileName}`);
    } catch (err) {
      if (err instanceof FileExistsError) return null; // announced twice: already filed
      throw err;
    }
    return this.dataFiles.register(dataset, fileName, stored, { isRaw: true, tags: [] });
  }

  private async telescopeNamed(reference: string): Promise<TelescopeEntity | null> {
    const wanted = reference.trim();
    if (!wanted) return null;
    if (UUID.test(wanted)) return this.sites.findTelescope(wanted.toLowerCase());
    const named = await this.sites.telescopesNamed(wanted);
    if (named.length > 1) this.logger.warn(`${named.length} archive telescopes are named "${wanted}"; set the profile's telescope to one's UUID to file captures`);
    return named.length === 1 ? named[0] : null;
  }

  private datasetFor(telescope: TelescopeEntity, night: string): Promise<DatasetEntity> {
    return this.datasets.capturesDataset(telescope.uuid, `Captures ${night}`, [CAPTURE_DATASET_TAG]);
  }
}

function announcement(event: CaptureSavedEvent): CaptureAnnouncement {
  return { filePath: event.path, telescope: event.telescope, capturedAt: event.capturedAt };
}
