import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { SyncBrowseController } from './browse/sync-browse.controller';
import { SyncBrowseService } from './browse/sync-browse.service';
import { SyncAssetEntity } from './entities/sync-asset.entity';
import { SyncCameraEntity } from './entities/sync-camera.entity';
import { SyncUploadJobEntity } from './entities/sync-upload-job.entity';
import { SyncAssetController, SyncCameraController } from './receiver/sync-receiver.controller';
import { SyncAssetRepository } from './receiver/sync-asset.repository';
import { SyncCameraRepository } from './receiver/sync-camera.repository';
import { SyncReceiverService } from './receiver/sync-receiver.service';

/** indi-allsky SyncAPI v1 receiver, asset browsing and the uploader. */
@Module({
  imports: [TypeOrmModule.forFeature([SyncCameraEntity, SyncAssetEntity, SyncUploadJobEntity]), AuthCoreModule],
  // The camera controller first: its fixed path must win over the asset controller's :assetType.
  controllers: [SyncCameraController, SyncAssetController, SyncBrowseController],
  providers: [SyncReceiverService, SyncBrowseService, SyncCameraRepository, SyncAssetRepository],
})
export class SyncApiModule {}
