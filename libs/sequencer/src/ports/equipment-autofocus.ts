import { Injectable } from '@nestjs/common';
import { AutofocusService } from '@app/equipment';
import type { AutofocusPort } from './sequencer-ports';

/** The sequencer's autofocus instruction and triggers run Equipment's autofocus (the /focuser/auto-focus run). */
@Injectable()
export class EquipmentAutofocus implements AutofocusPort {
  constructor(private readonly autofocus: AutofocusService) {}

  async run(signal: AbortSignal): Promise<{ position: number; hfr: number }> {
    const report = await this.autofocus.run(undefined, signal);
    return { position: Number(report.CalculatedFocusPoint.Position), hfr: Number(report.CalculatedFocusPoint.Value) };
  }
}
