import { ApiProperty, type ApiBodyOptions } from '@nestjs/swagger';

export class SyncUploadReplyDto {
  @ApiProperty({ example: 42, description: 'The entry id on this server (the client keeps it as sync_id)' })
  id: number;

  @ApiProperty({ example: 'images/ccd_7c4e.../exposures/20261121/night/21_23/ccd1_20261121_231500.jpg', description: 'Relative URL, as indi-allsky answers (clients ignore it)' })
  url: string;
}

export class SyncCameraReplyDto {
  @ApiProperty({ example: 1, description: 'The camera id on this server' })
  id: number;
}

export class SyncErrorDto {
  @ApiProperty({ example: 'file_exists', description: 'authentication failed | file_exists | camera not found | file_missing | camera_missing | not_implemented | missing metadata key: <key> | ...' })
  error: string;
}

/** The multipart body every SyncAPI method takes (OpenAPI only; the parser reads the stream). */
export const SYNC_MULTIPART_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['metadata'],
    properties: {
      metadata: { type: 'string', format: 'binary', description: 'JSON metadata; the HMAC covers exactly these bytes. Must come before media.' },
      media: { type: 'string', format: 'binary', description: 'The file. Only the extension of its name is used. Empty (file_size 0) stores metadata only.' },
    },
  },
};
