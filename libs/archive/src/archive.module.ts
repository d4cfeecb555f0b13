import { HttpException, Module, type OnModuleInit } from '@nestjs/common';
import { registerFailureRenderer } from '@app/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { ArcsecondAccountController } from './controllers/account.controller';
import { AllskyCamerasController } from './controllers/cameras.controller';
import { DataFilesController } from './controllers/datafiles.controller';
import { DataPackagesController, DatasetsController } from './controllers/datasets.controller';
import { ArchiveMethodNotAllowedController } from './controllers/method-not-allowed.controller';
import { CalibrationsController, NightLogsController, ObservationsController } from './controllers/nightlogs.controller';
import { ObservingSitesController, TelescopesController } from './controllers/sites.controller';
import { DataFileEntity, DataPackageEntity, DatasetEntity, FrameEntity, NightLogEntity } from './entities/data.entities';
import { AllskyCameraEntity, AllskyImageEntity, ObservingSiteEntity, TelescopeEntity } from './entities/site.entities';
import { ArcsecondAccountService } from './services/account.service';
import { AllskyImagesService } from './services/allsky-images.service';
import { CaptureIngestService } from './services/capture-ingest.service';
import { DataFilesService } from './services/data-files.service';
import { DatasetsService } from './services/datasets.service';
import { IngestService } from './services/ingest.service';
import { SiteAccess } from './services/site-access';
import { SitesService } from './services/sites.service';

const ENTITIES = [ObservingSiteEntity, TelescopeEntity, AllskyCameraEntity, AllskyImageEntity, NightLogEntity, DatasetEntity, DataPackageEntity, DataFileEntity, FrameEntity];

/**
 * The Arcsecond-compatible archive at the server root. Camera captures announced by the
 * Equipment module (IMAGE-SAVE on the event bus) are filed by CaptureIngestService.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), AuthCoreModule],
  // The 405 controller must stay last: it answers only what the others do not route.
  controllers: [
    ObservingSitesController,
    TelescopesController,
    NightLogsController,
    DataPackagesController,
    DatasetsController,
    DataFilesController,
    ObservationsController,
    CalibrationsController,
    AllskyCamerasController,
    ArcsecondAccountController,
    ArchiveMethodNotAllowedController,
  ],
  providers: [SiteAccess, SitesService, DatasetsService, IngestService, DataFilesService, AllskyImagesService, ArcsecondAccountService, CaptureIngestService],
  exports: [DatasetsService, SitesService, CaptureIngestService],
})
export class ArchiveModule implements OnModuleInit {
  onModuleInit(): void {
    registerFailureRenderer('arcsecond', (f) => new HttpException({ detail: f.message }, f.status));
  }
}
