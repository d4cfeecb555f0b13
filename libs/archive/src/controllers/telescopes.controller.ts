import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@app/auth';
import { TelescopeQueryDto } from '../dtos/data.dto';
import { toTelescopeDto } from '../dtos/mappers';
import { CreateTelescopeDto, TelescopeDto, UpdateTelescopeDto } from '../dtos/site.dto';
import type { ObservingSiteEntity, TelescopeEntity } from '../entities/site.entities';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { SitesService } from '../services/sites.service';
import { ArcsecondController, SITE_ADMIN_NOTE } from './arcsecond-controller';

@ArcsecondController()
@Controller('telescopes')
export class TelescopesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'List telescopes (filter: observing_site)' })
  @ApiArcsecondList(TelescopeDto)
  async listTelescopes(@Query() q: TelescopeQueryDto): Promise<ArcsecondList<TelescopeDto>> {
    return shapeList(await this.sites.listTelescopes(q), (items) => this.present(items), '/telescopes/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get one telescope (an upload key may)' })
  @ApiOkResponse({ type: TelescopeDto })
  async getTelescope(@Param('uuid', ArcsecondUuid) uuid: string): Promise<TelescopeDto> {
    return (await this.present([await this.sites.getTelescope(uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a telescope', description: SITE_ADMIN_NOTE })
  @ApiCreatedResponse({ type: TelescopeDto })
  async createTelescope(@CurrentPrincipal() p: Principal, @Body() dto: CreateTelescopeDto): Promise<TelescopeDto> {
    return (await this.present([await this.sites.createTelescope(p, dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update a telescope', description: SITE_ADMIN_NOTE })
  @ApiOkResponse({ type: TelescopeDto })
  async updateTelescope(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateTelescopeDto): Promise<TelescopeDto> {
    return (await this.present([await this.sites.updateTelescope(p, uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a telescope', description: SITE_ADMIN_NOTE })
  @ApiNoContentResponse()
  async deleteTelescope(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.sites.deleteTelescope(p, uuid);
  }

  private async present(items: TelescopeEntity[]): Promise<TelescopeDto[]> {
    const sites = new Map<string, ObservingSiteEntity | null>();
    for (const t of items) if (t.observingSite && !sites.has(t.observingSite)) sites.set(t.observingSite, await this.sites.siteOf(t));
    return items.map((t) => toTelescopeDto(t, t.observingSite ? sites.get(t.observingSite) : null));
  }
}
