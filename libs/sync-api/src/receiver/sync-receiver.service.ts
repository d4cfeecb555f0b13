import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig, Clock, discardPart, EventBus, FileSizeMismatchError, FileStore, FileTooLargeError, type StagedFile } from '@app/core';
import { hasPermission, SyncSignatureVerifier, type Principal } from '@app/auth';
import { ASSET_TYPE_INFO, checkedExtension, contentTypeOf, type SyncAssetType } from '../asset-types';
import type {} from '../sync.events';
import { assetRelativePath, duplicateKey } from './asset-paths';
import { readSyncParts, type MediaPart } from './sync-parts';
import { SyncAssetRepository } from './sync-asset.repository';
import { SyncCameraRepository } from './sync-camera.repository';
import { AUTHENTICATION_FAILED, syncError } from './sync-errors';
import { idKey, parseMetadata, readFileMetadata, requireKeys, siteWallClock, utcOffsetKey, uuidKey, type FileMetadata, type Metadata } from './sync-metadata';

export interface SyncReply {
  id?: number;
  url?: string;
}

/** Camera keys indi-allsky never copies from the client onto its camera row. */
const CAMERA_RESERVED = new Set(['id', 'name', 'name_alt1', 'name_alt2', 'uuid', 'type', 'local', 'sync_id', 'friendlyName', 'filename', 's3_key', 'remote_url', 'hidden', 'file_size', 'web_nonlocal_images', 'web_local_images_admin', 'data']);

interface StagedMedia {
  meta: FileMetadata;
  staged: StagedFile;
  ext: string;
}

/** The indi-allsky SyncAPI v1 receiver: verifies, validates, stores, answers in indi-allsky's shapes. */
@Injectable()
export class SyncReceiverService {
  private readonly logger = new Logger(SyncReceiverService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly files: FileStore,
    private readonly verifier: SyncSignatureVerifier,
    private readonly cameras: SyncCameraRepository,
    private readonly assets: SyncAssetRepository,
    private readonly bus: EventBus,
  ) {}

  assertBodySize(req: Request): void {
    const declared = Number(req.headers['content-length']);
    if (declared > this.config.sync.maxBytes) throw syncError(`request body of ${declared} bytes exceeds the limit of ${this.config.sync.maxBytes} bytes`, 413);
  }

  /** POST (overwrite false) and PUT (overwrite true) of a file. */
  async upload(type: SyncAssetType, req: Request, overwrite: boolean): Promise<SyncReply> {
    this.assertBodySize(req);
    let staging: StagedMedia | undefined;
    const parts = await readSyncParts(req, this.config.sync.maxBytes, async (metadata, media) => (staging = await this.stageMedia(type, req, metadata, media))).catch(async (err: unknown) => {
      // The media may be complete while the rest of the body is not (a truncated closing boundary).
      await staging?.staged.discard();
      throw err;
    });
    if (!parts.media) {
      await this.authorize(req, parts.metadata);
      throw syncError('missing part: media');
    }
    const { meta, staged, ext } = parts.media;
    try {
      const camera = await this.cameras.findByUuid(meta.cameraUuid);
      if (!camera) throw syncError('camera not found');
      await this.cameras.setUtcOffset(camera.id, meta.utcOffset);
      const wallClock = siteWallClock(meta.createDate, meta.utcOffset);
      const relativePath = assetRelativePath(type, camera.id, meta, wallClock, ext);
      const result = await this.assets.store(
        {
          cameraId: camera.id,
          type,
          duplicateKey: duplicateKey(type, meta, wallClock),
          localDate: wallClock,
          createDate: new Date(meta.createDate * 1000),
          dayDate: meta.dayDate,
          night: meta.night,
          relativePath,
          contentType: contentTypeOf(ext),
          metadata: meta.raw,
          receivedAt: new Date(this.clock.nowMs()),
        },
        staged,
        overwrite,
        (path) => this.files.remove(path),
      );
      if (result.replacedPath && !(await this.assets.pathInUse(result.replacedPath))) await this.files.remove(result.replacedPath);
      // Only now is the upload durable (file in place, row committed): dashboards may fetch it.
      this.bus.publish('sync.received', { id: result.asset.id, type, cameraId: camera.id, createDate: new Date(meta.createDate * 1000).toISOString(), stored: result.asset.stored });
      return { id: result.asset.id, url: `images/${relativePath}` };
    } finally {
      await staged.discard();
    }
  }

  async lookup(type: SyncAssetType, req: Request): Promise<SyncReply> {
    const { asset } = await this.findAsset(type, req);
    return { id: asset.id, url: `images/${asset.relativePath}` };
  }

  async remove(type: SyncAssetType, req: Request): Promise<Record<string, never>> {
    const { asset } = await this.findAsset(type, req);
    await this.assets.delete(asset.id);
    if (asset.stored && !(await this.assets.pathInUse(asset.relativePath))) await this.files.remove(asset.relativePath);
    return {};
  }

  async registerCamera(req: Request): Promise<SyncReply> {
    const metadata = await this.signedMetadata(req);
    requireKeys(metadata, ['uuid', 'name']);
    const uuid = uuidKey(metadata, 'uuid');
    const attributes: Metadata = {};
    for (const [key, value] of Object.entries(metadata)) if (!CAMERA_RESERVED.has(key)) attributes[key] = value;
    const data = typeof metadata.data === 'object' && metadata.data !== null && !Array.isArray(metadata.data) ? (metadata.data as Metadata) : {};
    const baseName = String(metadata.friendlyName || metadata.name);
    const utcOffset = metadata.utc_offset === undefined || metadata.utc_offset === null ? 0 : utcOffsetKey(metadata);
    const camera = await this.cameras.upsert({ uuid, baseName, utcOffset, attributes, data, connectDate: new Date(this.clock.nowMs()) });
    return { id: camera.id };
  }

  async lookupCamera(req: Request): Promise<SyncReply> {
    const metadata = await this.signedMetadata(req);
    requireKeys(metadata, ['id', 'camera_uuid']);
    const camera = await this.cameras.findByUuid(uuidKey(metadata, 'camera_uuid'));
    if (!camera || camera.id !== idKey(metadata)) throw syncError('camera_missing');
    return { id: camera.id };
  }

  async deleteCamera(req: Request): Promise<never> {
    await this.signedMetadata(req);
    throw syncError('not_implemented');
  }

  private async findAsset(type: SyncAssetType, req: Request) {
    const metadata = await this.signedMetadata(req);
    requireKeys(metadata, ['id', 'camera_uuid']);
    const id = idKey(metadata);
    const camera = await this.cameras.findByUuid(uuidKey(metadata, 'camera_uuid'));
    if (!camera) throw syncError('camera not found');
    const asset = await this.assets.findOne(id, camera.id, type);
    if (!asset) throw syncError('file_missing');
    return { camera, asset };
  }

  /** Metadata of a request whose media part is ignored (GET, DELETE, camera), after the signature check. */
  private async signedMetadata(req: Request): Promise<Metadata> {
    this.assertBodySize(req);
    const parts = await readSyncParts(req, this.config.sync.maxBytes, async (_metadata, media) => {
      discardPart(media.stream);
    });
    await this.authorize(req, parts.metadata);
    return parseMetadata(parts.metadata);
  }

  /** Runs when the media part starts: nothing is written before the signature and metadata are good. */
  private async stageMedia(type: SyncAssetType, req: Request, metadataBytes: Buffer, media: MediaPart): Promise<StagedMedia> {
    await this.authorize(req, metadataBytes);
    const meta = readFileMetadata(type, parseMetadata(metadataBytes));
    const ext = checkedExtension(type, media.clientFileName);
    if (!ext) throw syncError(`the media file name must end in one of .${ASSET_TYPE_INFO[type].extensions.join(', .')} for ${type}`);
    try {
      const staged = await this.files.stage(media.stream, { maxBytes: this.config.sync.maxBytes, expectedSize: meta.fileSize });
      return { meta, staged, ext };
    } catch (err) {
      if (err instanceof FileTooLargeError) throw syncError(`media is larger than the limit of ${err.limitBytes} bytes`, 413);
      // indi-allsky reports a size mismatch as an authentication failure (file_size is what is signed).
      if (err instanceof FileSizeMismatchError) {
        this.logger.warn(`sync upload refused: ${err.message}`);
        throw syncError(AUTHENTICATION_FAILED);
      }
      throw err;
    }
  }

  private async authorize(req: Request, metadataBytes: Buffer): Promise<Principal> {
    const principal = await this.verifier.verify(req.headers.authorization, metadataBytes);
    if (!principal || !hasPermission(principal.permissions, 'sync', 'update')) throw syncError(AUTHENTICATION_FAILED);
    return principal;
  }
}
