import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { FlatIssues, FlatWizardService, type FlatMode, type FlatRequest } from '../flats/flat-wizard.service';
import { ninaFailure, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaRead } from '../nina/nina-api.decorators';
import { optionalBool, optionalNumber, optionalString } from '../nina/query';
import { badParameter } from '../nina/envelope';
import type { QueryBag } from './image-reply';

/** The parameters every flats route takes (ninaAPI Flat.cs). */
function common(mode: FlatMode, q: QueryBag): FlatRequest {
  const binning = optionalString('binning', q.binning);
  const m = binning === undefined ? null : /^(\d)x(\d)$/.exec(binning);
  if (binning !== undefined && (!m || m[1] !== m[2])) throw badParameter('Binning not available');
  return {
    mode,
    count: optionalNumber('count', q.count, { integer: true, min: 1 }),
    filterId: optionalNumber('filterId', q.filterId, { integer: true }),
    binning: m ? Number(m[1]) : undefined,
    gain: optionalNumber('gain', q.gain, { integer: true }),
    offset: optionalNumber('offset', q.offset, { integer: true }),
    keepClosed: optionalBool('keepClosed', q.keepClosed),
  };
}

function histogram(q: QueryBag): Pick<FlatRequest, 'histogramMean' | 'meanTolerance'> {
  return {
    histogramMean: optionalNumber('histogramMean', q.histogramMean, { min: 0.01, max: 0.99 }),
    meanTolerance: optionalNumber('meanTolerance', q.meanTolerance, { min: 0.001, max: 1 }),
  };
}

function exposureRange(q: QueryBag): Pick<FlatRequest, 'minExposure' | 'maxExposure'> {
  return { minExposure: optionalNumber('minExposure', q.minExposure, { min: 0 }), maxExposure: optionalNumber('maxExposure', q.maxExposure, { min: 0 }) };
}

@NinaController('flats', 'N.I.N.A. flat wizard')
export class FlatsController {
  constructor(private readonly flats: FlatWizardService) {}

  @Get('skyflat')
  @NinaAct()
  @ApiOperation({ summary: 'Sky flats: the exposure searched toward the target mean, corrected after every flat as the sky fades' })
  startSkyFlats(@Query() q: QueryBag) {
    return this.begin({ ...common('skyflat', q), ...histogram(q), ...exposureRange(q) });
  }

  @Get('auto-brightness')
  @NinaAct()
  @ApiOperation({ summary: 'Panel flats at a fixed exposure: the panel brightness searched toward the target mean' })
  startAutoBrightnessFlats(@Query() q: QueryBag) {
    return this.begin({
      ...common('auto-brightness', q),
      ...histogram(q),
      exposureTime: optionalNumber('exposureTime', q.exposureTime, { min: 0 }),
      minBrightness: optionalNumber('minBrightness', q.minBrightness, { integer: true, min: 0 }),
      maxBrightness: optionalNumber('maxBrightness', q.maxBrightness, { integer: true, min: 0 }),
    });
  }

  @Get('auto-exposure')
  @NinaAct()
  @ApiOperation({ summary: 'Panel flats at a fixed brightness: the exposure time searched toward the target mean' })
  startAutoExposureFlats(@Query() q: QueryBag) {
    return this.begin({ ...common('auto-exposure', q), ...histogram(q), ...exposureRange(q), brightness: optionalNumber('brightness', q.brightness, { integer: true, min: 0 }) });
  }

  @Get('trained-flat')
  @NinaAct()
  @ApiOperation({ summary: 'Panel flats with the exposure and brightness an earlier wizard run found for this filter, binning, gain and offset' })
  startTrainedFlats(@Query() q: QueryBag) {
    return this.begin(common('trained-flat', q));
  }

  @Get('trained-dark-flat')
  @NinaAct()
  @ApiOperation({ summary: 'Dark flats (panel dark) at the trained flat exposure' })
  startTrainedDarkFlats(@Query() q: QueryBag) {
    return this.begin(common('trained-dark-flat', q));
  }

  @Get('status')
  @NinaRead()
  @ApiOperation({ summary: 'The running flats process; idle is {State: "Finished", TotalIterations: -1, CompletedIterations: -1}' })
  getFlatsStatus() {
    return ninaOk(this.flats.status());
  }

  @Get('stop')
  @NinaAct()
  @ApiOperation({ summary: 'Cancels the flats process (400 "No process running" without one)' })
  stopFlats() {
    this.flats.stop();
    return ninaOk('Process stopped');
  }

  private begin(request: FlatRequest) {
    try {
      this.flats.start(request);
    } catch (err) {
      if (err instanceof FlatIssues) return { ...ninaFailure(err.message, 400), Response: err.issues };
      throw err;
    }
    return ninaOk('Process started');
  }
}
