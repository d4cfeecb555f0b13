import { ForbiddenException, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import type { Principal } from '@app/auth';
import { NO_PERMISSION } from '../http/arcsecond-errors';

/**
 * Arcsecond lets only Admins and Owners create or change observing sites and telescopes; Skygate
 * does the same unless ARCHIVE_SITE_ADMIN_ONLY=false (then archive:update is enough).
 */
@Injectable()
export class SiteAccess {
  constructor(private readonly config: AppConfig) {}

  assertMayEditSites(principal: Principal): void {
    if (!this.config.archive.siteAdminOnly) return;
    if (principal.via === 'loopback' || principal.user?.isAdmin) return;
    throw new ForbiddenException({ detail: NO_PERMISSION });
  }
}
