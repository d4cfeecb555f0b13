import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { AppConfig } from '@app/core';
import type { Principal } from '@app/auth';
import type { CreateAllskyCameraDto, CreateObservingSiteDto, CreateTelescopeDto, UpdateAllskyCameraDto, UpdateObservingSiteDto, UpdateTelescopeDto } from '../dtos/site.dto';
import { AllskyCameraEntity, ObservingSiteEntity, TelescopeEntity } from '../entities/site.entities';
import { EntityCrud, type Page } from './entity-crud';
import { SiteAccess } from './site-access';

/** Observing sites, telescopes and all-sky cameras: the places and instruments data come from. */
@Injectable()
export class SitesService {
  readonly sites: EntityCrud<ObservingSiteEntity>;
  readonly telescopes: EntityCrud<TelescopeEntity>;
  readonly cameras: EntityCrud<AllskyCameraEntity>;

  constructor(
    @InjectRepository(ObservingSiteEntity) sites: Repository<ObservingSiteEntity>,
    @InjectRepository(TelescopeEntity) telescopes: Repository<TelescopeEntity>,
    @InjectRepository(AllskyCameraEntity) cameras: Repository<AllskyCameraEntity>,
    private readonly access: SiteAccess,
    config: AppConfig,
  ) {
    const size = config.archive.pageSize;
    this.sites = new EntityCrud(sites, 'uuid', size, { createdAt: 'ASC' });
    this.telescopes = new EntityCrud(telescopes, 'uuid', size, { createdAt: 'ASC' });
    this.cameras = new EntityCrud(cameras, 'uuid', size, { createdAt: 'ASC' });
  }

  /** Telescope UUIDs per site, for the site representation. */
  async telescopesBySite(siteIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(siteIds.map((id) => [id, []]));
    if (siteIds.length === 0) return map;
    const rows = await this.telescopes.repo.find({ where: { observingSite: In(siteIds) }, order: { createdAt: 'ASC' } });
    for (const t of rows) map.get(t.observingSite!)?.push(t.uuid);
    return map;
  }

  createSite(principal: Principal, dto: CreateObservingSiteDto): Promise<ObservingSiteEntity> {
    this.access.assertMayEditSites(principal);
    return this.sites.create({ name: dto.name, shortName: dto.short_name ?? '', ...coordinates(dto), timeZone: dto.time_zone ?? null });
  }

  updateSite(principal: Principal, uuid: string, dto: UpdateObservingSiteDto): Promise<ObservingSiteEntity> {
    this.access.assertMayEditSites(principal);
    return this.sites.patch(uuid, { name: dto.name, shortName: dto.short_name, ...coordinates(dto), timeZone: dto.time_zone });
  }

  deleteSite(principal: Principal, uuid: string): Promise<ObservingSiteEntity> {
    this.access.assertMayEditSites(principal);
    return this.sites.remove(uuid);
  }

  async createTelescope(principal: Principal, dto: CreateTelescopeDto): Promise<TelescopeEntity> {
    this.access.assertMayEditSites(principal);
    await this.assertSite(dto.observing_site);
    return this.telescopes.create({ name: dto.name, acronym: dto.acronym ?? '', observingSite: dto.observing_site ?? null });
  }

  async updateTelescope(principal: Principal, uuid: string, dto: UpdateTelescopeDto): Promise<TelescopeEntity> {
    this.access.assertMayEditSites(principal);
    await this.assertSite(dto.observing_site);
    return this.telescopes.patch(uuid, { name: dto.name, acronym: dto.acronym, observingSite: dto.observing_site });
  }

  deleteTelescope(principal: Principal, uuid: string): Promise<TelescopeEntity> {
    this.access.assertMayEditSites(principal);
    return this.telescopes.remove(uuid);
  }

  listTelescopes(observingSite: string | undefined, page?: number): Promise<Page<TelescopeEntity>> {
    return this.telescopes.list(observingSite ? { observingSite } : {}, page);
  }

  /** The site of a telescope (for coordinates and the night rule), if it has one. */
  async siteOf(telescope: TelescopeEntity): Promise<ObservingSiteEntity | null> {
    return telescope.observingSite ? this.sites.repo.findOneBy({ uuid: telescope.observingSite }) : null;
  }

  async createCamera(dto: CreateAllskyCameraDto): Promise<AllskyCameraEntity> {
    await this.assertSite(dto.observing_site);
    return this.cameras.create({ name: dto.name, observingSite: dto.observing_site ?? null });
  }

  async updateCamera(uuid: string, dto: UpdateAllskyCameraDto): Promise<AllskyCameraEntity> {
    await this.assertSite(dto.observing_site);
    return this.cameras.patch(uuid, { name: dto.name, observingSite: dto.observing_site });
  }

  private async assertSite(uuid: string | null | undefined): Promise<void> {
    if (uuid && !(await this.sites.exists(uuid))) throw new BadRequestException({ detail: `observing_site ${uuid} does not exist` });
  }
}

function coordinates(dto: UpdateObservingSiteDto): Partial<Pick<ObservingSiteEntity, 'longitude' | 'latitude' | 'height'>> {
  if (!dto.coordinates) return {};
  return { longitude: dto.coordinates.longitude, latitude: dto.coordinates.latitude, height: dto.coordinates.height ?? null };
}
