import { HttpException, Module, RequestMethod, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import { documentPortalPaths, PortalPrefixMiddleware } from './http/portal';
import { registerFailureRenderer, registerOpenApiAmendment } from '@app/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { ArcsecondAccountController } from './controllers/account.controller';
import { AllskyCamerasController } from './controllers/allskycameras.controller';
import { DataFilesController } from './controllers/datafiles.controller';
import { DataPackagesController } from './controllers/datapackages.controller';
import { DatasetsController } from './controllers/datasets.controller';
import { ArchiveMethodNotAllowedController } from './controllers/method-not-allowed.controller';
import { CalibrationsController } from './controllers/calibrations.controller';
import { NightLogsController } from './controllers/nightlogs.controller';
import { ObservationsController } from './controllers/observations.controller';
import { ObservingSitesController } from './controllers/observingsites.controller';
import { TelescopesController } from './controllers/telescopes.controller';
import { DataFileEntity, DataPackageEntity, DatasetEntity, FrameEntity, NightLogEntity } from './entities/data.entities';
import { AllskyCameraEntity, AllskyImageEntity, ObservingSiteEntity, TelescopeEntity } from './entities/site.entities';
import { DataFileRepository, DataPackageRepository, DatasetRepository, FrameRepository, NightLogRepository } from './repositories/data.repositories';
import { AllskyCameraRepository, AllskyImageRepository, ObservingSiteRepository, TelescopeRepository } from './repositories/site.repositories';
import { ArcsecondAccountService } from './services/account.service';
import { AllskyImagesService } from './services/allsky-images.service';
import { OrganisationsService } from './services/organisations.service';
import { MembershipRepository, OrganisationRepository } from './repositories/organisation.repositories';
import { MembershipEntity, OrganisationEntity } from './entities/organisation.entities';
import { OrganisationsController } from './controllers/organisations.controller';
import { MembersController } from './controllers/members.controller';
import { TargetListsController } from './controllers/targetlists.controller';
import { TargetsController } from './controllers/targets.controller';
import { TargetEntity, TargetListEntity, TargetListItemEntity } from './entities/target.entities';
import { TargetListItemRepository, TargetListRepository, TargetRepository } from './repositories/target.repositories';
import { OwnerNames } from './services/owner-names';
import { TargetListsService } from './services/target-lists.service';
import { TargetsService } from './services/targets.service';
import { ArchiveVisibility } from './services/archive-visibility';
import { CaptureIngestService } from './services/capture-ingest.service';
import { DataFilesService } from './services/data-files.service';
import { DatasetsService } from './services/datasets.service';
import { IngestService } from './services/ingest.service';
import { SiteAccess } from './services/site-access';
import { SitesService } from './services/sites.service';
import { OrphanFilesService } from './services/orphan-files.service';

const ENTITIES = [OrganisationEntity, MembershipEntity, ObservingSiteEntity, TelescopeEntity, AllskyCameraEntity, AllskyImageEntity, NightLogEntity, DatasetEntity, DataPackageEntity, DataFileEntity, FrameEntity, TargetEntity, TargetListEntity, TargetListItemEntity];

/**
 * The Arcsecond-compatible archive at the server root. Camera captures announced by the
 * Equipment module (equipment.capture-saved on the event bus) are filed by CaptureIngestService.
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
    OrganisationsController,
    MembersController,
    TargetsController,
    TargetListsController,
    ArchiveMethodNotAllowedController,
  ],
  providers: [
    ObservingSiteRepository,
    TelescopeRepository,
    AllskyCameraRepository,
    AllskyImageRepository,
    DatasetRepository,
    DataPackageRepository,
    NightLogRepository,
    FrameRepository,
    DataFileRepository,
    ArchiveVisibility,
    OrganisationRepository,
    MembershipRepository,
    TargetRepository,
    TargetListRepository,
    TargetListItemRepository,
    OwnerNames,
    TargetsService,
    TargetListsService,
    OrganisationsService,
    SiteAccess, SitesService, DatasetsService, IngestService, DataFilesService, AllskyImagesService, ArcsecondAccountService, CaptureIngestService, OrphanFilesService],
  exports: [DatasetsService, SitesService, CaptureIngestService],
})
export class ArchiveModule implements OnModuleInit, NestModule {
  constructor() {
    // In the constructor, not a lifecycle hook: the OpenAPI generator builds the app without initialising it.
    registerOpenApiAmendment(documentPortalPaths);
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PortalPrefixMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  onModuleInit(): void {
    registerFailureRenderer('arcsecond', (f) => new HttpException({ detail: f.message }, f.status));
  }
}
