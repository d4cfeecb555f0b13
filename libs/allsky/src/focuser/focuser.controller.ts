import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { UseWireFamily } from '@app/core';
import { AllskyErrorDto } from '../dtos/gpio.dto';
import { FocuserAbortDto, FocuserMoveRequestDto, FocuserPositionDto, FocuserSavedDto, FocuserSettingsDto, FocuserSettingsErrorDto, FocuserSettingsResponseDto, FocuserStatusDto } from '../dtos/focuser.dto';
import { FocuserService, type FocuserStatus } from './focuser.service';

/** Flask's jsonify("ok"): the JSON string "ok". */
const JSON_OK = '"ok"';
const OK_SCHEMA = { schema: { type: 'string', example: 'ok' } };
const LEGACY = 'Kept for Allsky Server clients: a GET that changes state. Use the POST of the same path.';

/** The Allsky Server's /focuser routes (branch 4964) plus position, status and abort. */
@ApiTags('Focuser (Allsky Server)')
@UseWireFamily('allsky')
@Controller('focuser')
export class FocuserController {
  constructor(private readonly focuser: FocuserService) {}

  @Post('move')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @RequirePermission('focuser', 'update')
  @ApiOperation({
    summary: 'Start a relative move; answers "ok" once it is under way',
    description: 'The Allsky Server answers when the move is done; Skygate moves in the background (GET /focuser/status, focuser.move events) and refuses moves past the limits.',
  })
  @ApiBody({ type: FocuserMoveRequestDto })
  @ApiOkResponse(OK_SCHEMA)
  @ApiBadRequestResponse({ type: AllskyErrorDto, description: 'Bad direction, steps or speed, or past a limit' })
  @ApiConflictResponse({ type: AllskyErrorDto, description: 'Already moving' })
  moveAllskyFocuser(@Body() body: Record<string, unknown>): string {
    this.focuser.startMove(body ?? {});
    return JSON_OK;
  }

  @Post('abort')
  @HttpCode(200)
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Stop the move in progress after its current step (Skygate addition)' })
  @ApiOkResponse({ type: FocuserAbortDto })
  abortAllskyFocuserMove(): Promise<FocuserAbortDto> {
    return this.focuser.abort();
  }

  @Get('status')
  @RequirePermission('focuser', 'read')
  @ApiOperation({ summary: 'Tracked position, limits and the current or last move (Skygate addition)' })
  @ApiOkResponse({ type: FocuserStatusDto })
  getAllskyFocuserStatus(): FocuserStatus {
    return this.focuser.status();
  }

  @Post('position')
  @HttpCode(200)
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Record the current position without moving, e.g. 0 at the inner stop (Skygate addition)' })
  @ApiBody({ type: FocuserPositionDto })
  @ApiOkResponse({ type: FocuserStatusDto })
  setAllskyFocuserPosition(@Body() body: Record<string, unknown>): Promise<FocuserStatus> {
    return this.focuser.setPosition(body?.position);
  }

  @Get('enable')
  @Header('Content-Type', 'application/json')
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Enable the driver (A4988 EN low) (deprecated GET)', description: LEGACY, deprecated: true })
  @ApiOkResponse(OK_SCHEMA)
  enableAllskyFocuserLegacy(): string {
    this.focuser.setEnabled(true);
    return JSON_OK;
  }

  @Post('enable')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Enable the driver (A4988 EN low)' })
  @ApiOkResponse(OK_SCHEMA)
  enableAllskyFocuser(): string {
    this.focuser.setEnabled(true);
    return JSON_OK;
  }

  @Get('disable')
  @Header('Content-Type', 'application/json')
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Disable the driver (A4988 EN high, ULN2003 coils off) (deprecated GET)', description: LEGACY, deprecated: true })
  @ApiOkResponse(OK_SCHEMA)
  disableAllskyFocuserLegacy(): string {
    this.focuser.setEnabled(false);
    return JSON_OK;
  }

  @Post('disable')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Disable the driver (A4988 EN high, ULN2003 coils off)' })
  @ApiOkResponse(OK_SCHEMA)
  disableAllskyFocuser(): string {
    this.focuser.setEnabled(false);
    return JSON_OK;
  }

  @Get('settings')
  @RequirePermission('focuser', 'read')
  @ApiOperation({ summary: 'Focuser settings', description: 'Needs focuser:read (the Allsky Server demands focuser:update).' })
  @ApiOkResponse({ type: FocuserSettingsResponseDto })
  getAllskyFocuserSettings(): FocuserSettingsResponseDto {
    return this.focuser.getSettings();
  }

  @Post('settings')
  @HttpCode(200)
  @RequirePermission('focuser', 'update')
  @ApiOperation({ summary: 'Save focuser settings (stored in the database; the Allsky Server overwrites server.json)' })
  @ApiBody({ type: FocuserSettingsDto })
  @ApiOkResponse({ type: FocuserSavedDto })
  @ApiBadRequestResponse({ type: FocuserSettingsErrorDto, description: '"No JSON body provided", "Invalid format", or what else is wrong' })
  saveAllskyFocuserSettings(@Body() body: unknown): Promise<FocuserSavedDto> {
    return this.focuser.saveSettings(body);
  }
}
