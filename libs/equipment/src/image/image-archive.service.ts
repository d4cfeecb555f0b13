import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { FileStore } from '@app/core';
import { NinaError } from '../nina/envelope';
import type { EquipmentImageEntity, ImageRecordStatistics } from '../entities/equipment-image.entity';
import type { ImageType, RawFrame } from '../drivers/contract/device-interfaces';
import { ImageHistoryRepository } from '../repositories/image-history.repository';
import { decodeFits, encodeFits, type DecodedFits, type FitsCard } from '../drivers/image/fits';
import type { ImageStatistics, StarDetection } from '../drivers/image/image-analysis';
import { ImageAnalyzer } from '../drivers/image/image-analyzer';
import { imageFilePath } from './image-file-pattern';

/** Captures are written below this FileStore folder, named by the profile's file pattern. */
const IMAGE_FOLDER = 'equipment/images';

/** What is known about a frame besides its pixels; becomes FITS cards and the ImageResponse. */
export interface CaptureMetadata {
  capturedAt: Date;
  exposureSeconds: number;
  imageType: ImageType;
  gain: number;
  offset: number;
  binning: number;
  cameraName: string;
  telescopeName: string;
  focalLength: number;
  pixelSizeUm: number;
  filter: string;
  targetName: string;
  temperature: number;
  raDeg?: number;
  decDeg?: number;
  /** N.I.N.A.'s ImageFileSettings-FilePattern for this image type (image-file-pattern.ts). */
  filePattern?: string;
}

export interface ArchivedImage {
  record: EquipmentImageEntity;
  statistics: ImageStatistics;
  detection: StarDetection;
}

/** Writes every capture as a FITS file through the FileStore, measures it and records it in the history. */
@Injectable()
export class ImageArchive {
  /** N.I.N.A.'s $$FRAMENR$$: the captures saved since start. */
  private frameNumber = 0;

  constructor(
    private readonly files: FileStore,
    private readonly history: ImageHistoryRepository,
    private readonly analyzer: ImageAnalyzer,
  ) {}

  /**
   * The frame is measured in the worker while its FITS file is written and fsynced here; the
   * history row (which carries the measurements) is added once both are done, so a row never
   * points at a half-written file.
   */
  async save(frame: RawFrame, meta: CaptureMetadata): Promise<ArchivedImage> {
    const analysis = this.analyzer.analyse(frame.width, frame.height, frame.pixels);
    analysis.catch(() => undefined); // awaited below; not unhandled if the write fails first
    const fits = encodeFits(frame.width, frame.height, frame.pixels, fitsCards(meta));
    const relativePath = await this.freePath(`${IMAGE_FOLDER}/${imageFilePath(meta.filePattern, meta, ++this.frameNumber)}`);
    const stored = await this.files.save(Readable.from([fits]), relativePath, { maxBytes: fits.length });
    try {
      const { statistics, detection } = await analysis;
      const record = await this.history.add({
        capturedAt: meta.capturedAt,
        imageType: meta.imageType,
        filePath: stored.relativePath,
        width: frame.width,
        height: frame.height,
        statistics: imageResponse(meta, statistics, detection, stored.relativePath),
      });
      return { record, statistics, detection };
    } catch (err) {
      await this.files.remove(stored.relativePath);
      throw err;
    }
  }

  /** The pattern's path, or with a short random suffix when a file is there already (the frame number restarts with the process). */
  private async freePath(base: string): Promise<string> {
    const path = `${base}.fits`;
    return (await this.files.exists(path)) ? `${base}_${randomUUID().slice(0, 8)}.fits` : path;
  }

  async load(record: EquipmentImageEntity): Promise<DecodedFits> {
    return decodeFits(await this.readFile(record));
  }

  /** Puts `prefix` before the file's name (ninaAPI image/{index}/prefix); 400 texts as ninaAPI's. */
  async addPrefix(record: EquipmentImageEntity, prefix: string): Promise<void> {
    const slash = record.filePath.lastIndexOf('/');
    const renamed = `${record.filePath.slice(0, slash + 1)}${prefix}${record.filePath.slice(slash + 1)}`;
    if (await this.files.exists(renamed)) throw new NinaError('File already exists', 400);
    if (!(await this.files.exists(record.filePath))) throw new NinaError('Image file does not exist', 400);
    const previous = record.filePath;
    await this.files.link(previous, renamed);
    await this.history.moveFile(record, renamed);
    await this.files.remove(previous);
  }

  readFile(record: EquipmentImageEntity): Promise<Buffer> {
    return readFile(this.files.resolve(record.filePath));
  }
}

function fitsCards(meta: CaptureMetadata): FitsCard[] {
  const cards: FitsCard[] = [
    { key: 'DATE-OBS', value: meta.capturedAt.toISOString().replace('Z', ''), comment: 'UTC start of exposure' },
    { key: 'EXPTIME', value: meta.exposureSeconds, comment: '[s] exposure time' },
    { key: 'EXPOSURE', value: meta.exposureSeconds, comment: '[s] exposure time' },
    { key: 'GAIN', value: meta.gain, comment: 'sensor gain' },
    { key: 'OFFSET', value: meta.offset, comment: 'sensor offset' },
    { key: 'XBINNING', value: meta.binning, comment: 'X binning factor' },
    { key: 'YBINNING', value: meta.binning, comment: 'Y binning factor' },
    { key: 'IMAGETYP', value: meta.imageType, comment: 'type of image' },
    { key: 'OBJECT', value: meta.targetName, comment: 'name of the target' },
    { key: 'FILTER', value: meta.filter, comment: 'active filter' },
    { key: 'TELESCOP', value: meta.telescopeName, comment: 'telescope' },
    { key: 'INSTRUME', value: meta.cameraName, comment: 'camera' },
    { key: 'FOCALLEN', value: meta.focalLength, comment: '[mm] focal length' },
    { key: 'XPIXSZ', value: meta.pixelSizeUm * meta.binning, comment: '[um] pixel size incl. binning' },
    { key: 'CCD-TEMP', value: meta.temperature, comment: '[C] sensor temperature' },
  ];
  if (meta.raDeg !== undefined && meta.decDeg !== undefined) {
    cards.push({ key: 'RA', value: meta.raDeg, comment: '[deg] J2000 right ascension' }, { key: 'DEC', value: meta.decDeg, comment: '[deg] J2000 declination' });
  }
  return cards;
}

function imageResponse(meta: CaptureMetadata, s: ImageStatistics, d: StarDetection, filename: string): ImageRecordStatistics {
  return {
    ExposureTime: meta.exposureSeconds,
    ImageType: meta.imageType,
    Filter: meta.filter,
    RmsText: 'Tot: 0.00 (0.00")',
    Temperature: meta.temperature,
    CameraName: meta.cameraName,
    TargetName: meta.targetName,
    Gain: meta.gain,
    Offset: meta.offset,
    Date: meta.capturedAt.toISOString(),
    TelescopeName: meta.telescopeName,
    FocalLength: meta.focalLength,
    StDev: s.stdev,
    Mean: s.mean,
    Median: s.median,
    MedianAbsoluteDeviation: s.mad,
    Min: s.min,
    Max: s.max,
    Stars: d.stars.length,
    HFR: d.hfr,
    HFRStDev: d.hfrStdev,
    IsBayered: false,
    Filename: filename,
  };
}
