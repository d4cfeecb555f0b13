import { applyDecorators, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ErrorDto, UseWireFamily } from '@app/core';
import { ArcsecondExceptionFilter } from '../http/arcsecond-errors';
import { PortalLinksInterceptor } from '../http/portal';

export const ARCHIVE_TAG = 'Archive (Arcsecond)';

/** Who may change observing sites and telescopes (SiteAccess enforces it). */
export const SITE_ADMIN_NOTE = 'Only administrators, unless ARCHIVE_SITE_ADMIN_ONLY=false (Arcsecond: Admin and Owner roles).';

/**
 * What every archive controller shares: Arcsecond's wire family (auth failures as `{"detail"}`),
 * the `{"detail"}` error filter, and the OpenAPI tag. Paths are Arcsecond's, at the server root;
 * the trailing slash the clients always send is accepted, and so is its absence.
 */
export const ArcsecondController = () =>
  applyDecorators(
    ApiTags(ARCHIVE_TAG),
    UseWireFamily('arcsecond'),
    UseFilters(ArcsecondExceptionFilter),
    UseInterceptors(PortalLinksInterceptor),
    ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown or malformed id, or an object the caller may not see (datasets, data files, night logs, observations and calibrations belong to their owner; administrators see all): `{"detail": "Not found."}`' }),
  );
