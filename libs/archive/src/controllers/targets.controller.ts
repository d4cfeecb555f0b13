import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { CreateTargetDto, TargetDto, TargetQueryDto, UpdateTargetDto } from '../dtos/target.dto';
import { ArcsecondIntId } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { TargetsService } from '../services/targets.service';
import { ArcsecondController } from './arcsecond-controller';

const TARGET_NOTE =
  'Fields as the `arcsecond` client library writes them (`target_writable_fields`, `plan_target_payload`): a manual target carries `object.equatorial_coordinates` ' +
  '(or `coordinates`) in degrees and becomes an `AstronomicalObject` in `manual` mode. A target belongs to its creator (inside the portal it was made in); ' +
  '`profile` and `organisation` are read-only. Skygate does not resolve names to coordinates.';

@ArcsecondController()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List targets (filters: name, target_class, identifier)', description: 'The client library\'s `upsert()` finds a target by `?name=`.' })
  @ApiArcsecondList(TargetDto)
  async listTargets(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: TargetQueryDto): Promise<ArcsecondList<TargetDto>> {
    return shapeList(await this.targets.list(p, q), (items) => this.targets.present(items), '/targets/', q);
  }

  @Get(':id')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'Get one target (integer id)' })
  @ApiOkResponse({ type: TargetDto })
  async getTarget(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number): Promise<TargetDto> {
    return (await this.targets.present([await this.targets.get(p, id)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a target (a name or an identifier is required)', description: TARGET_NOTE })
  @ApiCreatedResponse({ type: TargetDto })
  async createTarget(@CurrentArchiveCaller() p: ArchiveCaller, @Body() dto: CreateTargetDto): Promise<TargetDto> {
    return (await this.targets.present([await this.targets.create(p, dto)]))[0];
  }

  @Patch(':id')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update a target', description: TARGET_NOTE })
  @ApiOkResponse({ type: TargetDto })
  async updateTarget(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number, @Body() dto: UpdateTargetDto): Promise<TargetDto> {
    return (await this.targets.present([await this.targets.update(p, id, dto)]))[0];
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a target (it leaves every target list it was in)' })
  @ApiNoContentResponse()
  async deleteTarget(@CurrentArchiveCaller() p: ArchiveCaller, @Param('id', ArcsecondIntId) id: number): Promise<void> {
    await this.targets.remove(p, id);
  }
}
