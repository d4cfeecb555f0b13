import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Clock } from '@app/core';
import { moonSeparation } from '../application/moon-separation';
import { ninaOk } from '../nina/envelope';
import { NinaController, NinaRead } from '../nina/nina-api.decorators';
import { ProfileService } from '../profile/profile.service';
import { requiredNumber } from '../nina/query';

@NinaController('astro-util', 'N.I.N.A. astronomy utilities')
export class AstroUtilController {
  constructor(
    private readonly profile: ProfileService,
    private readonly clock: Clock,
  ) {}

  @Get('moon-separation')
  @NinaRead()
  @ApiOperation({ summary: "Angle in degrees between the Moon (now, from the profile's site) and a J2000 target (ra, dec in degrees), and the Moon phase" })
  getMoonSeparation(@Query('ra') ra: unknown, @Query('dec') dec: unknown) {
    const site = {
      latitude: this.profile.setting('AstrometrySettings', 'Latitude', 0),
      longitude: this.profile.setting('AstrometrySettings', 'Longitude', 0),
      elevation: this.profile.setting('AstrometrySettings', 'Elevation', 0),
    };
    return ninaOk(moonSeparation(requiredNumber('ra', ra, { min: 0, max: 360 }), requiredNumber('dec', dec, { min: -90, max: 90 }), site, this.clock.now()));
  }
}
