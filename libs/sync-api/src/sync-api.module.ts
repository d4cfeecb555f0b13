import { HttpException, Module, type OnModuleInit } from '@nestjs/common';
import { registerFailureRenderer } from '@app/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCoreModule } from '@app/auth';
import { SyncBrowseController } from './browse/sync-browse.controller';
import { SyncBrowseService } from './browse/sync-browse.service';
import { SyncImagesController } from './browse/sync-images.controller';
import { SyncAssetEntity } from './entities/sync-asset.entity';
import { SyncCameraEntity } from './entities/sync-camera.entity';
import { SyncUploadJobEntity } from './entities/sync-upload-job.entity';
import { SyncAssetController, SyncCameraController } from './receiver/sync-receiver.controller';
import { SyncAssetRepository } from './receiver/sync-asset.repository';
import { SyncCameraRepository } from './receiver/sync-camera.repository';
import { SyncReceiverService } from './receiver/sync-receiver.service';
import { SyncRemoteClient } from './uploader/sync-remote-client';
import { SyncUploadQueueService } from './uploader/sync-upload-queue.service';
import { SyncUploaderController } from './uploader/sync-uploader.controller';
import { SyncUploaderService } from './uploader/sync-uploader.service';
import { UploadJobRepository } from './uploader/upload-job.repository';
import { UploadRoots } from './uploader/upload-roots';

/** indi-allsky SyncAPI v1 receiver, asset browsing and the uploader. */
@Module({
  imports: [TypeOrmModule.forFeature([SyncCameraEntity, SyncAssetEntity, SyncUploadJobEntity]), AuthCoreModule],
  // The camera controller first: its fixed path must win over the asset controller's :assetType.
  controllers: [SyncCameraController, SyncAssetController, SyncBrowseController, SyncImagesController, SyncUploaderController],
  providers: [SyncReceiverService, SyncBrowseService, SyncCameraRepository, SyncAssetRepository, UploadJobRepository, SyncRemoteClient, SyncUploaderService, SyncUploadQueueService, UploadRoots],
})
export class SyncApiModule implements OnModuleInit {
  onModuleInit(): void {
    registerFailureRenderer('indi-allsky', (f) => (f.status === 401 || f.status === 403 ? new HttpException({ error: 'authentication failed' }, 400) : new HttpException({ error: f.message }, f.status)));
  }
}
