import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { FileTooLargeError, type FileStore, type StagedFile } from '@app/core';

export interface ReceivedUpload {
  fields: Record<string, string>;
  file?: { fileName: string; staged: StagedFile };
}

const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads a multipart body with busboy and streams the one file part (`fileField`) straight into the
 * file store's staging area, so memory does not grow with the file. Fields may come before or after
 * the file. Other file parts are drained and ignored. The caller commits or discards the staged file.
 */
export function receiveMultipart(req: Request, store: FileStore, fileField: string, maxBytes: number): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1, fieldSize: MAX_FIELD_BYTES, fields: 50 } });
    } catch {
      return reject(new BadRequestException({ detail: 'The request must be multipart/form-data with a "file" part.' }));
    }
    const fields: Record<string, string> = {};
    let staging: Promise<{ fileName: string; staged: StagedFile }> | undefined;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      void staging?.then((f) => f.staged.discard(), () => undefined);
      reject(err);
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || staging) return void stream.resume();
      const fileName = info.filename ?? '';
      staging = store.stage(stream, { maxBytes }).then((staged) => ({ fileName, staged }));
      staging.catch((err: unknown) => fail(err instanceof FileTooLargeError ? new PayloadTooLargeException({ detail: err.message }) : err));
    });
    parser.on('error', (err: Error) => fail(new BadRequestException({ detail: `Malformed multipart body: ${err.message}` })));
    parser.on('close', () => {
      if (failed) return;
      (staging ?? Promise.resolve(undefined)).then(
        (file) => resolve({ fields, file }),
        () => undefined,
      );
    });
    req.on('aborted', () => fail(new BadRequestException({ detail: 'The upload was interrupted.' })));
    req.pipe(parser);
  });
}
