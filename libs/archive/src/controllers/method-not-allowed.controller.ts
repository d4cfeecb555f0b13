import { All, Controller, MethodNotAllowedException, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@app/core';
import { ArcsecondController } from './arcsecond-controller';

const LISTS = ['observingsites', 'telescopes', 'nightlogs', 'datapackages', 'datasets', 'datafiles', 'observations', 'calibrations', 'allskycameras'];

/**
 * Registered after the resource controllers, so it only sees the verbs they do not serve
 * (PUT/PATCH/DELETE on a list, PUT/POST on a detail) and answers Django REST's 405.
 */
@ArcsecondController()
@ApiExcludeController()
@Controller()
@Public()
export class ArchiveMethodNotAllowedController {
  @All([...LISTS, ...LISTS.map((l) => `${l}/:id`), 'allskycameras/:id/images'])
  rejectArchiveMethod(@Req() req: Request): never {
    throw new MethodNotAllowedException({ detail: `Method "${req.method}" not allowed.` });
  }
}
