import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { abandonUnreadBody, bufferPart, discardPart, FileTooLargeError, MultipartError, MultipartTooLargeError, readMultipart, type FileStore, type StagedFile } from '@app/core';

export interface ReceivedUpload {
  fields: Record<string, string>;
  file?: { fileName: string; staged: StagedFile };
}

const MAX_FIELD_BYTES = 64 * 1024;
/** A few form fields and the file; room for the fields Arcsecond clients add. */
const MAX_PARTS = 50;
/** Preamble, part headers and fields on top of the file itself. */
const BODY_OVERHEAD_BYTES = MAX_PARTS * (MAX_FIELD_BYTES + 16 * 1024);

/**
 * Reads a multipart body with core's streaming reader and streams the one file part (`fileField`,
 * a part with a file name) straight into the file store's staging area, so memory does not grow
 * with the file. Fields (parts without a file name) may come before or after the file; other file
 * parts are drained and ignored, a second `fileField` file is refused. Any failure of the body
 * (malformed, truncated, too large, dropped) is an Arcsecond `{detail}` 4xx and the staged file is
 * removed before the answer; on success the caller commits or discards it.
 */
export function receiveMultipart(req: Request, store: FileStore, fileField: string, maxBytes: number): Promise<ReceivedUpload> {
  return abandonUnreadBody(req, req.res, async () => {
    const fields: Record<string, string> = {};
    let staging: Promise<{ fileName: string; staged: StagedFile }> | undefined;
    try {
      await readMultipart(req, {
        maxBodyBytes: maxBytes + BODY_OVERHEAD_BYTES,
        limits: { maxParts: MAX_PARTS },
        onPart: async ({ name, filename }, stream) => {
          if (filename === undefined) {
            if (name !== undefined) fields[name] = (await bufferPart(stream, MAX_FIELD_BYTES, `the field "${name}"`)).toString('utf8');
            else discardPart(stream);
            return;
          }
          if (name !== fileField) return discardPart(stream);
          if (staging) throw new BadRequestException({ detail: `Only one file may be sent (multipart part "${fileField}").` });
          staging = store.stage(stream, { maxBytes }).then((staged) => ({ fileName: filename, staged }));
          await staging;
        },
      });
    } catch (err) {
      await staging?.then(({ staged }) => staged.discard(), () => undefined);
      throw asArcsecondError(err);
    }
    return { fields, file: await staging };
  });
}

function asArcsecondError(err: unknown): unknown {
  if (err instanceof FileTooLargeError || err instanceof MultipartTooLargeError) return new PayloadTooLargeException({ detail: err.message });
  if (err instanceof MultipartError) return new BadRequestException({ detail: `Malformed multipart body: ${err.message}` });
  return err;
}
