import type { Response } from 'express';
import type { EncodedImage, PreviewOptions } from '../image/preview';
import { ninaOk, type NinaEnvelope } from '../nina/envelope';
import { bool, optionalNumber, optionalSize } from '../nina/query';

export type QueryBag = Record<string, unknown>;

/** resize, size, scale, quality, skipAutoStretch: the preview parameters of capture, image/{index} and screenshot. */
export function previewOptions(q: QueryBag): PreviewOptions {
  return {
    resize: bool('resize', q.resize),
    size: optionalSize('size', q.size),
    scale: optionalNumber('scale', q.scale, { min: 0 }),
    quality: optionalNumber('quality', q.quality, { min: -1, max: 100 }),
    stretchFactor: optionalNumber('factor', q.factor, { min: 0.01, max: 0.99 }),
    blackClipping: optionalNumber('blackClipping', q.blackClipping, { min: -10, max: 10 }),
    linear: bool('skipAutoStretch', q.skipAutoStretch),
  };
}

/**
 * The Content-Type a JPEG goes out with. ninaAPI sends the non-standard `image/jpg` from
 * camera/capture, application/screenshot and livestack, and `image/jpeg` from image/{index},
 * image/thumbnail and prepared-image; clients that compare the header see the difference.
 */
export type JpegContentType = 'image/jpg' | 'image/jpeg';

/** An image to send as bytes (stream=true), outside the envelope. */
export class RawImage {
  constructor(
    readonly image: EncodedImage,
    readonly jpegType: JpegContentType = 'image/jpeg',
  ) {}

  get contentType(): string {
    return this.image.contentType === 'image/jpeg' ? this.jpegType : this.image.contentType;
  }
}

/** `stream=true`: the bytes with their Content-Type and no envelope; otherwise base64 in the envelope. */
export function imageReply(image: EncodedImage, stream: boolean, wrap: (base64: string) => unknown = (b) => b, jpegType: JpegContentType = 'image/jpeg'): RawImage | NinaEnvelope {
  return stream ? new RawImage(image, jpegType) : ninaOk(wrap(image.data.toString('base64')));
}

/**
 * Writes a reply of a route that may answer raw image bytes. Such routes take `@Res()` and
 * write themselves: Nest would serialize a returned Buffer as JSON.
 */
export function sendNina(res: Response, reply: RawImage | NinaEnvelope): void {
  if (reply instanceof RawImage) {
    res.status(200).setHeader('Content-Type', reply.contentType);
    res.setHeader('Content-Length', reply.image.data.length);
    res.end(reply.image.data);
    return;
  }
  res.status(200).json(reply);
}
