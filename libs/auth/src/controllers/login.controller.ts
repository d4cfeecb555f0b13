import { Body, Catch, Controller, HttpCode, Post, Req, UseFilters, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorDto, Public, UseWireFamily } from '@app/core';
import { LoginDto, LoginResponseDto } from '../dtos/auth.dto';
import { clientAddress } from '../guard/request-origin';
import { LoginRefusedException } from '../services/login-gate';
import { LoginService } from '../services/login.service';

/** Adds Retry-After to the 429 / 503 of a throttled login. */
@Catch(LoginRefusedException)
class RetryAfterFilter implements ExceptionFilter {
  catch(exception: LoginRefusedException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(exception.getStatus()).json(exception.getResponse());
  }
}

@ApiTags('Auth')
@Controller()
@UseWireFamily('allsky')
export class LoginController {
  constructor(private readonly logins: LoginService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseFilters(RetryAfterFilter)
  // HTML login forms post form fields; a cross-site page cannot read the token it would get back.
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOperation({
    summary: 'Exchange a user name and password for a JWT (Allsky Server POST /login)',
    description:
      'Answers like the Allsky Server: 400 {"error":"Username and password required"}, 401 {"error":"Invalid credentials"}. ' +
      'Skygate adds token_type and expires_in, and rate-limits failures per client address and user name (429 with Retry-After).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'Username and password required' })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Invalid credentials, or the user is inactive' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many failed logins, or one from this address is still being checked; see Retry-After' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'Too many logins being checked at once; see Retry-After' })
  login(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResponseDto> {
    return this.logins.login(body.username, body.password, clientAddress(req));
  }
}
