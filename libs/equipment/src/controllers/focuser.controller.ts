import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AutofocusService } from '../autofocus/autofocus.service';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { NinaError, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaQuery, NinaRead } from '../nina/nina-api.decorators';
import { bool, requiredNumber } from '../nina/query';

@NinaController('equipment/focuser', 'N.I.N.A. focuser')
export class FocuserController {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly autofocus: AutofocusService,
  ) {}

  @Get('move')
  @NinaAct()
  @ApiOperation({ summary: 'Moves to an absolute position (does not wait)' })
  @NinaQuery({ name: 'position', type: 'number', description: 'Absolute focuser position in steps (required)' })
  async moveFocuser(@Query('position') position: unknown) {
    await this.registry.require('focuser').move(requiredNumber('position', position, { integer: true, min: 0 }));
    return ninaOk('Move started');
  }

  @Get('stop-move')
  @NinaAct()
  @ApiOperation({ summary: 'Stops a move' })
  async stopFocuserMove() {
    await this.registry.require('focuser').halt();
    return ninaOk('Focuser move stopped');
  }

  @Get('auto-focus')
  @NinaAct()
  @ApiOperation({ summary: "Starts N.I.N.A.'s star-HFR autofocus in the background (the profile's FocuserSettings); cancel=true stops it" })
  startFocuserAutoFocus(@Query('cancel') cancel: unknown) {
    this.registry.require('focuser');
    if (bool('cancel', cancel)) {
      this.autofocus.cancel();
      return ninaOk('Autofocus canceled');
    }
    this.autofocus.startInBackground();
    return ninaOk('Autofocus started');
  }

  @Get('last-af')
  @NinaRead()
  @ApiOperation({ summary: "The last autofocus report in N.I.N.A.'s AutoFocusReport shape; 500 \"No AF available\" before the first" })
  getFocuserLastAutoFocus() {
    const report = this.autofocus.lastReport;
    if (!report) throw new NinaError('No AF available', 500);
    return ninaOk(report);
  }
}
