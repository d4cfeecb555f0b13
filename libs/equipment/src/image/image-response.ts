import type { ImageRecordStatistics } from '../entities/equipment-image.entity';

/** ninaAPI's ImageResponse on the wire (image-history, IMAGE-SAVE).  */
export type NinaImageResponse = Omit<ImageRecordStatistics, 'MedianAbsoluteDeviation'>;

/**
 * A stored image record as ninaAPI's ImageResponse: the median absolute deviation Skygate keeps
 * (camera/capture/statistics answers it) is not one of its fields (recorded replies have none).
 */
export function ninaImageResponse(statistics: ImageRecordStatistics): NinaImageResponse {
  const { MedianAbsoluteDeviation: _mad, ...response } = statistics;
  return response;
}
