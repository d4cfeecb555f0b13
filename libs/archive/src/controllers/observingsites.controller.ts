import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@app/auth';
import { NamedQueryDto } from '../dtos/data.dto';
import { toSiteDto } from '../dtos/mappers';
import { CreateObservingSiteDto, ObservingSiteDto, UpdateObservingSiteDto } from '../dtos/site.dto';
import type { ObservingSiteEntity } from '../entities/site.entities';
import { ArcsecondUuid } from '../http/arcsecond-errors';
import { ApiArcsecondList, shapeList, type ArcsecondList } from '../http/list-shape';
import { SitesService } from '../services/sites.service';
import { ArcsecondController, SITE_ADMIN_NOTE } from './arcsecond-controller';

@ArcsecondController()
@Controller('observingsites')
export class ObservingSitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'List observing sites with the UUIDs of their telescopes' })
  @ApiArcsecondList(ObservingSiteDto)
  async listObservingSites(@Query() q: NamedQueryDto): Promise<ArcsecondList<ObservingSiteDto>> {
    return shapeList(await this.sites.listSites(q), (items) => this.present(items), '/observingsites/', q);
  }

  @Get(':uuid')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get one observing site (an upload key may)' })
  @ApiOkResponse({ type: ObservingSiteDto })
  async getObservingSite(@Param('uuid', ArcsecondUuid) uuid: string): Promise<ObservingSiteDto> {
    return (await this.present([await this.sites.getSite(uuid)]))[0];
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create an observing site', description: SITE_ADMIN_NOTE })
  @ApiCreatedResponse({ type: ObservingSiteDto })
  async createObservingSite(@CurrentPrincipal() p: Principal, @Body() dto: CreateObservingSiteDto): Promise<ObservingSiteDto> {
    return (await this.present([await this.sites.createSite(p, dto)]))[0];
  }

  @Patch(':uuid')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Partially update an observing site', description: SITE_ADMIN_NOTE })
  @ApiOkResponse({ type: ObservingSiteDto })
  async updateObservingSite(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string, @Body() dto: UpdateObservingSiteDto): Promise<ObservingSiteDto> {
    return (await this.present([await this.sites.updateSite(p, uuid, dto)]))[0];
  }

  @Delete(':uuid')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Delete an observing site', description: SITE_ADMIN_NOTE })
  @ApiNoContentResponse()
  async deleteObservingSite(@CurrentPrincipal() p: Principal, @Param('uuid', ArcsecondUuid) uuid: string): Promise<void> {
    await this.sites.deleteSite(p, uuid);
  }

  private async present(items: ObservingSiteEntity[]): Promise<ObservingSiteDto[]> {
    const telescopes = await this.sites.telescopesBySite(items.map((s) => s.uuid));
    return items.map((s) => toSiteDto(s, telescopes.get(s.uuid) ?? []));
  }
}
