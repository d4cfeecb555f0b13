import { Body, Controller, Get, HttpCode, Param, Post, UnauthorizedException } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, RequireLogin, type Principal } from '@app/auth';
import { ErrorDto, Public } from '@app/core';
import { ProfileDto, VerifyKeyDto } from '../dtos/account.dto';
import { ArcsecondAccountService } from '../services/account.service';
import { ArcsecondController } from './arcsecond-controller';

@ArcsecondController()
@Controller()
export class ArcsecondAccountController {
  constructor(private readonly account: ArcsecondAccountService) {}

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
    if (!(await this.account.verify(dto.username, dto.key))) throw new UnauthorizedException({ detail: 'Invalid username or key.' });
  }

  @Get('profiles/:username')
  @RequireLogin()
  @ApiOperation({ summary: 'Profile of a user (the caller; administrators may read any)' })
  @ApiOkResponse({ type: ProfileDto })
  getArcsecondProfile(@CurrentPrincipal() p: Principal, @Param('username') username: string): Promise<ProfileDto> {
    return this.account.profile(p, username);
  }
}
