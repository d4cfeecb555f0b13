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

/** An image to send as bytes (stream=true), outside the envelope. */
export class RawImage {
  constructor(readonly image: EncodedImage) {}
}

/** `stream=true`: the bytes with their Content-Type and no envelope; otherwise base64 in the envelope. */
export function imageReply(image: EncodedImage, stream: boolean, wrap: (base64: string) => unknown = (b) => b): RawImage | NinaEnvelope {
  return stream ? new RawImage(image) : ninaOk(wrap(image.data.toString('base64')));
}

/**
 * Writes a reply of a route that may answer raw image bytes. Such routes take `@Res()` and
 * write themselves: Nest would serialize a returned Buffer as JSON.
 */
export function sendNina(res: Response, reply: RawImage | NinaEnvelope): void {
  if (reply instanceof RawImage) {
    res.status(200).setHeader('Content-Type', reply.image.contentType);
    res.setHeader('Content-Length', reply.image.data.length);
    res.end(reply.image.data);
    return;
  }
  res.status(200).json(reply);
}
