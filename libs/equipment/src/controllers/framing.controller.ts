import { Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOperation } from '@nestjs/swagger';
import { FramingService, SKY_SURVEY_SOURCES } from '../application/framing.service';
import { CenteringService } from '../solving/centering.service';
import { runCentering } from '../solving/run-centering';
import { NinaError, ninaOk } from '../nina/envelope';
import type { QueryBag } from './image-reply';
import { NinaAct, NinaController, NinaRead } from '../nina/nina-api.decorators';
import { bool, optionalEnum, optionalString, requiredNumber } from '../nina/query';

@NinaController('framing', 'N.I.N.A. framing')
export class FramingController {
  constructor(
    private readonly framing: FramingService,
    private readonly centering: CenteringService,
  ) {}

  @Get('info')
  @NinaRead()
  @ApiOperation({ summary: 'The framing assistant state (coordinates, rotation, camera field)' })
  getFramingInfo() {
    return ninaOk(this.framing.info());
  }

  @Get('set-coordinates')
  @NinaAct()
  @ApiOperation({ summary: 'Sets the target (RAangle, DECangle in degrees J2000)' })
  setFramingCoordinates(@Query() q: QueryBag) {
    this.framing.setCoordinates(requiredNumber('RAangle', q.RAangle, { min: 0, max: 360 }), requiredNumber('DECangle', q.DECangle, { min: -90, max: 90 }));
    return ninaOk('Coordinates updated');
  }

  @Get('set-rotation')
  @NinaAct()
  @ApiOperation({ summary: 'Sets the frame rotation in degrees' })
  setFramingRotation(@Query('rotation') rotation: unknown) {
    this.framing.setRotation(requiredNumber('rotation', rotation, { min: -360, max: 360 }));
    return ninaOk('Rotation updated');
  }

  @Get('slew')
  @NinaAct()
  @ApiOperation({ summary: 'Slews the mount to the framing target; slew_option=Center centres it by plate solving, Rotate also turns the rotator to the framing rotation' })
  async slewToFramingTarget(@Query() q: QueryBag, @Req() request: Request) {
    const option = optionalEnum('slew_option', q.slew_option, ['Center', 'Rotate']);
    if (option) {
      const target = this.framing.target();
      await runCentering(this.centering, { raDeg: target.raDeg, decDeg: target.decDeg, rotationDeg: option === 'Rotate' ? target.rotationDeg : undefined }, bool('waitForResult', q.waitForResult), request);
    } else {
      await this.framing.slew();
    }
    return ninaOk(bool('waitForResult', q.waitForResult) ? 'Slew finished' : 'Slew started');
  }

  @Get('set-source')
  @NinaAct()
  @ApiOperation({ summary: "Chooses the sky survey (N.I.N.A.'s SkySurveySource: NASA, SKYSERVER, STSCI, ESO, HIPS2FITS, SKYATLAS, FILE, CACHE or its number)" })
  setFramingSource(@Query('source') source: unknown) {
    const text = optionalString('source', source) ?? '';
    const byName = SKY_SURVEY_SOURCES.find((s) => s === text);
    const byNumber = /^\d+$/.test(text) ? SKY_SURVEY_SOURCES[Number(text)] : undefined;
    const chosen = byName ?? byNumber;
    if (!chosen) throw new NinaError('Invalid source', 400);
    this.framing.setSource(chosen);
    return ninaOk('Source updated');
  }

  @Get('determine-rotation')
  @NinaAct()
  @ApiOperation({ summary: 'Frame rotation from a solved camera frame; waitForResult answers the framing info (plate-solved with astrometry.net)' })
  async determineFramingRotation(@Query('waitForResult') waitForResult: unknown) {
    const wait = bool('waitForResult', waitForResult);
    await this.framing.determineRotation(wait);
    return ninaOk(wait ? this.framing.info() : 'Determine rotation started');
  }
}
