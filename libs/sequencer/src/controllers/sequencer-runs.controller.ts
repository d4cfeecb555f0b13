import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { SequencerRepository } from '../storage/sequencer.repository';

export class SequenceRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  sequenceName: string;
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;
  @ApiProperty({ enum: ['RUNNING', 'FINISHED', 'STOPPED', 'FAILED'] })
  status: string;
  @ApiProperty({ description: 'Why the run failed (e.g. Skygate restarted during it)' })
  reason: string;
  @ApiProperty({ description: 'The last item that started: its sequence/edit path and name' })
  currentItem: string;
}

export class RunLogLineDto {
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ example: 'Imaging-Items-0-Items-2' })
  path: string;
  @ApiProperty({ example: 'Smart Exposure' })
  item: string;
  @ApiProperty({ enum: ['STARTED', 'FINISHED', 'FAILED', 'SKIPPED', 'INFO'] })
  outcome: string;
  @ApiProperty()
  message: string;
}

/** Skygate's own view of sequence runs: when each ran, how it ended, and its log. */
@ApiTags('Sequencer')
@Controller('sequencer/runs')
export class SequencerRunsController {
  constructor(private readonly repo: SequencerRepository) {}

  @Get()
  @RequirePermission('sequence', 'read')
  @ApiOperation({ summary: 'Sequence runs, newest first' })
  @ApiOkResponse({ type: [SequenceRunDto] })
  async listSequencerRuns(): Promise<SequenceRunDto[]> {
    const runs = await this.repo.listRuns();
    return runs.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null }));
  }

  @Get(':id/log')
  @RequirePermission('sequence', 'read')
  @ApiOperation({ summary: "A run's log: every item it started and how each ended, in order" })
  @ApiOkResponse({ type: [RunLogLineDto] })
  async getSequencerRunLog(@Param('id', new ParseUUIDPipe()) id: string): Promise<RunLogLineDto[]> {
    if (!(await this.repo.findRun(id))) throw new NotFoundException(`No sequence run ${id}`);
    const lines = await this.repo.logOf(id);
    return lines.map((l) => ({ at: l.at.toISOString(), path: l.path, item: l.item, outcome: l.outcome, message: l.message }));
  }
}
