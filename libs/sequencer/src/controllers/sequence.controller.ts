import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiPayloadTooLargeResponse, ApiQuery } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { NinaController, NinaEnvelopeDto, NinaError, ninaOk, optionalBool, optionalEnum, optionalString, requiredNumber, requiredString } from '@app/equipment';
import { SequencerService, SKIP_TYPES } from '../sequencer.service';

type QueryBag = Record<string, unknown>;
const Read = () => RequirePermission('sequence', 'read');
const Update = () => RequirePermission('sequence', 'update');

/**
 * ninaAPI 2.2.15's /v2/api/sequence/* (Sequence.cs): every answer is the envelope over HTTP
 * 200, refusals carry their code in StatusCode. Actions are GETs, as in ninaAPI.
 */
@NinaController('sequence', 'N.I.N.A. sequence')
export class SequenceController {
  constructor(private readonly sequencer: SequencerService) {}

  @Get('json')
  @Read()
  @ApiOperation({ summary: 'The sequence, compact: [{GlobalTriggers}, Start, Targets, End]; 409 "Sequence is not initialized" before one is loaded' })
  sequenceJson() {
    return ninaOk(this.sequencer.json());
  }

  @Get('state')
  @Read()
  @ApiOperation({ summary: 'The sequence with every setting (the reference for sequence/edit paths)' })
  sequenceState() {
    return ninaOk(this.sequencer.state());
  }

  @Get('edit')
  @Update()
  @ApiQuery({ name: 'path', type: String, example: 'Imaging-Items-0-Items-0-ExposureTime' })
  @ApiQuery({ name: 'value', type: String, example: '20' })
  @ApiOperation({ summary: 'Sets one simple setting; the path is based on sequence/state (GlobalTriggers, Start, Imaging, End, then names and indexes joined by "-"). Kept with the loaded sequence: a restart, or loading the same unchanged file again, keeps it' })
  async sequenceEdit(@Query() q: QueryBag) {
    await this.sequencer.edit(optionalString('path', q.path), optionalString('value', q.value));
    return ninaOk('Updated setting');
  }

  @Get('start')
  @Update()
  @ApiQuery({ name: 'skipValidation', type: Boolean, required: false })
  @ApiOperation({ summary: 'Starts the sequence; unknown items refuse the start (400, listing them) unless skipValidation=true, which runs without them' })
  async sequenceStart(@Query() q: QueryBag) {
    await this.sequencer.start(optionalBool('skipValidation', q.skipValidation) ?? false);
    return ninaOk('Sequence started');
  }

  @Get('stop')
  @Update()
  @ApiOperation({ summary: 'Stops the sequence (the exposure in progress is aborted); logged as SEQUENCE-FINISHED' })
  async sequenceStop() {
    await this.sequencer.stop();
    return ninaOk('Sequence stopped');
  }

  @Get('reset')
  @Update()
  @ApiOperation({ summary: 'Resets every item to CREATED' })
  sequenceReset() {
    this.sequencer.reset();
    return ninaOk('Sequence reset');
  }

  @Get('skip')
  @Update()
  @ApiQuery({ name: 'type', enum: SKIP_TYPES })
  @ApiOperation({ summary: 'Skips the running items, or to the Targets area, or to the End area' })
  sequenceSkip(@Query() q: QueryBag) {
    const type = optionalEnum('type', q.type, SKIP_TYPES);
    if (!type) throw new NinaError('type is required', 400);
    this.sequencer.skip(type);
    return ninaOk('Skipped');
  }

  @Get('list-available')
  @Read()
  @ApiOperation({ summary: 'Sequence files in DATA_DIR/sequences (subfolders included), as names for sequence/load' })
  async sequenceListAvailable() {
    return ninaOk(await this.sequencer.listAvailable());
  }

  @Get('set-target')
  @Update()
  @ApiQuery({ name: 'name', type: String })
  @ApiQuery({ name: 'ra', type: Number, description: 'degrees J2000' })
  @ApiQuery({ name: 'dec', type: Number, description: 'degrees J2000' })
  @ApiQuery({ name: 'rotation', type: Number })
  @ApiQuery({ name: 'index', type: Number, description: 'index among the deep-sky object containers' })
  @ApiOperation({ summary: 'Sets the target of one deep-sky object container (409 "No DSO Container found" when there is none); kept like sequence/edit' })
  async sequenceSetTarget(@Query() q: QueryBag) {
    const name = requiredString('name', q.name);
    const ra = requiredNumber('ra', q.ra, { min: 0, max: 360 });
    const dec = requiredNumber('dec', q.dec, { min: -90, max: 90 });
    const rotation = requiredNumber('rotation', q.rotation);
    const index = requiredNumber('index', q.index, { min: 0, integer: true });
    await this.sequencer.setTarget(name, ra, dec, rotation, index);
    return ninaOk('Target updated');
  }

  @Get('load')
  @Update()
  @ApiQuery({ name: 'sequenceName', type: String, description: 'a name from sequence/list-available' })
  @ApiOperation({ summary: 'Loads a sequence file (a whole sequence, or a saved deep-sky object container placed in Targets)' })
  async sequenceLoadFile(@Query() q: QueryBag) {
    await this.sequencer.loadFile(requiredString('sequenceName', q.sequenceName));
    return ninaOk('Sequence updated');
  }

  @Post('load')
  @HttpCode(200)
  @Update()
  @ApiPayloadTooLargeResponse({ type: NinaEnvelopeDto, description: 'The body is larger than SEQUENCE_LOAD_MAX_BYTES: the envelope with StatusCode 413' })
  @ApiBody({ description: "N.I.N.A.'s advanced sequence JSON (Newtonsoft $type/$id/$ref form, as N.I.N.A. saves it)", schema: { type: 'object', additionalProperties: true } })
  @ApiOperation({ summary: "Loads a sequence from N.I.N.A.'s native JSON in the body; unknown item types are kept DISABLED and listed when start validates. HTTP 200 as every ninaAPI answer; a body over SEQUENCE_LOAD_MAX_BYTES (20 MiB) answers HTTP 413 with the envelope (StatusCode 413)" })
  async sequenceLoad(@Body() body: unknown) {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    await this.sequencer.load(text);
    return ninaOk('Sequence updated');
  }

  @Get(':action')
  @Read()
  @ApiParam({ name: 'action', type: String })
  @ApiOperation({ summary: 'Any other action: 400 "Unknown action" (the v2 seed)' })
  sequenceUnknownAction() {
    throw new NinaError('Unknown action', 400);
  }
}
