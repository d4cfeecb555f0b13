import { Injectable } from '@nestjs/common';
import type { DaemonPort } from '@app/sequencer';
import { FunctionEngine } from '../functions/function-engine';
import { FunctionsService } from '../functions/functions.service';
import { OutputControlService } from '../outputs/output-control.service';

/**
 * What a running sequence may ask of the daemon (N.I.N.A. sequence items "set a Daemon output",
 * "run a Daemon function"): the sequencer's DaemonPort, served by the daemon's own services so
 * an output keeps its min-off rules and a function fires with its reason recorded.
 */
@Injectable()
export class SequencerDaemonControl implements DaemonPort {
  constructor(
    private readonly outputs: OutputControlService,
    private readonly functions: FunctionsService,
    private readonly engine: FunctionEngine,
  ) {}

  async setOutput(outputId: string, state: 'on' | 'off', seconds: number | undefined): Promise<void> {
    const source = 'sequence';
    if (state === 'off') await this.outputs.off(outputId, 0, source);
    else await this.outputs.on(outputId, 0, { duration: seconds, source });
  }

  async runFunction(functionId: string): Promise<void> {
    const fn = await this.functions.get(functionId);
    await this.engine.fire(fn, 'run by a sequence', (id) => this.functions.findBy(id));
  }
}
