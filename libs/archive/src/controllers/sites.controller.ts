import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@app/auth';
import { PageQueryDto, TelescopeQueryDto } from '../dtos/data.dto';
import { toSiteDto, toTelescopeDto } from '../dtos/mappers';
import { CreateObservingSiteDto, CreateTelescopeDto, ObservingSiteDto, TelescopeDto, UpdateObservingSiteDto, UpdateTelescopeDto } from '../dtos/site.dto';
import type { ObservingSiteEntity, TelescopeEntity } from '../entities/site.entities';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { SitesService } from '../services/sites.service';
import { ArcsecondController } from './arcsecond-controller';

const ADMIN_NOTE = 'Only administrators, unless ARCHIVE_SITE_ADMIN_ONLY=false (Arcsecond: Admin and Owner roles).';

@ArcsecondController()
@Controller('observingsites')
export class ObservingSitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'List observing sites with the UUIDs of their telescopes' })
  @ApiArcsecondList(ObservingSiteDto)
  async listObservingSites(@Query() q: PageQueryDto): Promise<ArcsecondList<ObservingSiteDto>> {
    return shapeList(await this.sites.sites.list({}, q.page), (items) => this.present(items), '/observingsites/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get one observing site (an upload key may)' })
  @ApiOkResponse({ type: ObservingSiteDto })
  async getObservingSite(@Param('uuid', ArcsecondUuid) uuid: string): Promise<ObservingSiteDto> {
    return (await this.present([await this.sites.sites.get(uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create an observing site', description: ADMIN_NOTE })
  @ApiCreatedResponse({ type: ObservingSiteDto })
  async createObservingSite(@CurrentPrincipal() p: Principal, @Body() dto: CreateObservingSiteDto): Promise<ObservingSiteDto> {
    return (await this.present([await this.sites.createSite(p, dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update an observing site', description: ADMIN_NOTE })
  @ApiOkResponse({ type: ObservingSiteDto })
  async updateObservingSite(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateObservingSiteDto): Promise<ObservingSiteDto> {
    return (await this.present([await this.sites.updateSite(p, uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete an observing site', description: ADMIN_NOTE })
  @ApiNoContentResponse()
  async deleteObservingSite(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.sites.deleteSite(p, uuid);
  }

  private async present(items: ObservingSiteEntity[]): Promise<ObservingSiteDto[]> {
    const telescopes = await this.sites.telescopesBySite(items.map((s) => s.uuid));
    return items.map((s) => toSiteDto(s, telescopes.get(s.uuid) ?? []));
  }
}

@ArcsecondController()
@Controller('telescopes')
export class TelescopesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'List telescopes (filter: observing_site)' })
  @ApiArcsecondList(TelescopeDto)
  async listTelescopes(@Query() q: TelescopeQueryDto): Promise<ArcsecondList<TelescopeDto>> {
    return shapeList(await this.sites.listTelescopes(q.observing_site, q.page), (items) => this.present(items), '/telescopes/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get one telescope (an upload key may)' })
  @ApiOkResponse({ type: TelescopeDto })
  async getTelescope(@Param('uuid', ArcsecondUuid) uuid: string): Promise<TelescopeDto> {
    return (await this.present([await this.sites.telescopes.get(uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create a telescope', description: ADMIN_NOTE })
  @ApiCreatedResponse({ type: TelescopeDto })
  async createTelescope(@CurrentPrincipal() p: Principal, @Body() dto: CreateTelescopeDto): Promise<TelescopeDto> {
    return (await this.present([await this.sites.createTelescope(p, dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update a telescope', description: ADMIN_NOTE })
  @ApiOkResponse({ type: TelescopeDto })
  async updateTelescope(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateTelescopeDto): Promise<TelescopeDto> {
    return (await this.present([await this.sites.updateTelescope(p, uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete a telescope', description: ADMIN_NOTE })
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
