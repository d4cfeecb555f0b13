import { All, Controller, MethodNotAllowedException, NotFoundException, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@app/core';
import { ARCHIVE_LISTS } from '../http/portal';
import { NOT_FOUND } from '../http/arcsecond-errors';
import { ArcsecondController } from './arcsecond-controller';

const LISTS = ARCHIVE_LISTS;
/** The archive's paths outside the portal prefix: organisations and the key checks. */
const OTHER_PATHS = ['organisations', 'organisations/:id', 'organisations/:id/members', 'auth/key/verify', 'auth/key/verify-organisation'];

/**
 * Registered after the resource controllers, so it only sees the verbs they do not serve
 * (PUT/PATCH/DELETE on a list, PUT/POST on a detail) and answers Django REST's 405.
 */
@ArcsecondController()
@ApiExcludeController()
@Controller()
@Public()
export class ArchiveMethodNotAllowedController {
  @All([...LISTS, ...LISTS.map((l) => `${l}/:id`), 'allskycameras/:id/images', ...OTHER_PATHS])
  rejectArchiveMethod(@Req() req: Request): never {
    throw new MethodNotAllowedException({ detail: `Method "${req.method}" not allowed.` });
  }

  /** Any deeper path under an archive list is a URL that matches nothing: Django REST's 404, not the framework's `Cannot GET`. */
  @All([...LISTS.map((l) => `${l}/:id/*rest`), 'organisations/:id/members/*rest'])
  rejectUnknownArchivePath(): never {
    throw new NotFoundException({ detail: NOT_FOUND });
  }
}
