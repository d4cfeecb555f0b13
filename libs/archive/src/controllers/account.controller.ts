import { Body, Controller, Get, HttpCode, Param, Post, Query, UnauthorizedException } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RequireLogin } from '@app/auth';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { AppConfig, ErrorDto, Public } from '@app/core';
import { PageQueryDto } from '../dtos/data.dto';
import { ApiArcsecondList, pageOf, shapeList, type ArcsecondList } from '../http/list-shape';
import { ProfileDto, VerifyKeyDto } from '../dtos/account.dto';
import { VerifyOrganisationDto } from '../dtos/organisation.dto';
import { ArcsecondAccountService, INVALID_KEY } from '../services/account.service';
import { ArcsecondController } from './arcsecond-controller';

@ArcsecondController()
@Controller()
export class ArcsecondAccountController {
  constructor(
    private readonly account: ArcsecondAccountService,
    private readonly config: AppConfig,
  ) {}

  @Post('auth/key/verify')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Arcsecond's login check: is this key (full or upload) an active key of this user?",
    description: 'Public: the pair itself is the credential. 204 when valid, 401 `{"detail"}` otherwise. Keys are 256-bit random, so guessing is not a concern.',
  })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorDto })
  async verifyArcsecondKey(@Body() dto: VerifyKeyDto): Promise<void> {
    if (!(await this.account.verify(dto.username, dto.key))) throw new UnauthorizedException({ detail: INVALID_KEY });
  }

  @Post('auth/key/verify-organisation')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Arcsecond's portal check: is this key an active key of this user, and the user a member of the organisation?",
    description: 'Public, like `auth/key/verify/`. 204 when the key is valid and the user belongs to the organisation (any role); 401 for a wrong pair, 403 for a non-member, 404 for an unknown organisation, all `{"detail"}`.',
  })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  async verifyArcsecondOrganisation(@Body() dto: VerifyOrganisationDto): Promise<void> {
    await this.account.verifyMembership(dto.username, dto.key, dto.organisation);
  }

  @Get('profiles')
  @RequireLogin()
  @ApiOperation({ summary: "List profiles: inside a portal its members' (for its members), otherwise the caller's own (administrators: everyone's)" })
  @ApiArcsecondList(ProfileDto)
  async listArcsecondProfiles(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: PageQueryDto): Promise<ArcsecondList<ProfileDto>> {
    return shapeList(pageOf(await this.account.profiles(p), q, this.config.archive.pageSize), (items) => items, '/profiles/', q);
  }

  @Get('profiles/:username')
  @RequireLogin()
  @ApiOperation({ summary: "Profile of a user (the CLI's `arcsecond me`): the caller's own; administrators any; inside a portal, a fellow member's" })
  @ApiOkResponse({ type: ProfileDto })
  getArcsecondProfile(@CurrentArchiveCaller() p: ArchiveCaller, @Param('username') username: string): Promise<ProfileDto> {
    return this.account.profile(p, username);
  }
}
