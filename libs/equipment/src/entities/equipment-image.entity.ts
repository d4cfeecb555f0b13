import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** ninaAPI's ImageResponse, as stored per saved image. */
export interface ImageRecordStatistics {
  ExposureTime: number;
  ImageType: string;
  Filter: string;
  RmsText: string;
  Temperature: number;
  CameraName: string;
  TargetName: string;
  Gain: number;
  Offset: number;
  Date: string;
  TelescopeName: string;
  FocalLength: number;
  StDev: number;
  Mean: number;
  Median: number;
  MedianAbsoluteDeviation: number;
  Min: number;
  Max: number;
  Stars: number;
  HFR: number;
  HFRStDev: number;
  IsBayered: boolean;
  Filename: string;
}

@Entity('equipment_images')
export class EquipmentImageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order; the ninaAPI index is the position in this order (0-based). */
  @Column({ type: 'integer', insert: false, update: false })
  seq: number;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt: Date;

  @Column({ name: 'image_type', type: 'text' })
  imageType: string;

  /** Relative to the FileStore root. */
  @Column({ name: 'file_path', type: 'text' })
  filePath: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'jsonb', default: {} })
  statistics: ImageRecordStatistics;
}
