import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import type { NamedQueryDto, TelescopeQueryDto } from '../dtos/data.dto';
import type { CreateAllskyCameraDto, CreateObservingSiteDto, CreateTelescopeDto, UpdateAllskyCameraDto, UpdateObservingSiteDto, UpdateTelescopeDto } from '../dtos/site.dto';
import { AllskyCameraEntity, ObservingSiteEntity, TelescopeEntity } from '../entities/site.entities';
import { byName, type Page } from '../repositories/archive-repository';
import { AllskyCameraRepository, ObservingSiteRepository, TelescopeRepository } from '../repositories/site.repositories';
import { SiteAccess } from './site-access';
import { fieldError } from '../http/arcsecond-errors';

/** Observing sites, telescopes and all-sky cameras: the places and instruments data come from. */
@Injectable()
export class SitesService {
  constructor(
    private readonly sites: ObservingSiteRepository,
    private readonly telescopes: TelescopeRepository,
    private readonly cameras: AllskyCameraRepository,
    private readonly access: SiteAccess,
  ) {}

  listSites(q: NamedQueryDto): Promise<Page<ObservingSiteEntity>> {
    return this.sites.list(byName(q), q);
  }

  getSite(uuid: string): Promise<ObservingSiteEntity> {
    return this.sites.get(uuid);
  }

  /** Telescope UUIDs per site, for the site representation. */
  telescopesBySite(siteIds: string[]): Promise<Map<string, string[]>> {
    return this.telescopes.uuidsBySite(siteIds);
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

  listTelescopes(q: TelescopeQueryDto): Promise<Page<TelescopeEntity>> {
    return this.telescopes.list({ ...byName(q), ...(q.observing_site ? { observingSite: q.observing_site } : {}) }, q);
  }

  getTelescope(uuid: string): Promise<TelescopeEntity> {
    return this.telescopes.get(uuid);
  }

  findTelescope(uuid: string): Promise<TelescopeEntity | null> {
    return this.telescopes.find(uuid);
  }

  telescopesNamed(name: string): Promise<TelescopeEntity[]> {
    return this.telescopes.findByName(name);
  }

  /** The site of a telescope (for coordinates and the night rule), if it has one. */
  async siteOf(telescope: TelescopeEntity): Promise<ObservingSiteEntity | null> {
    return telescope.observingSite ? this.sites.find(telescope.observingSite) : null;
  }

  listCameras(q: NamedQueryDto): Promise<Page<AllskyCameraEntity>> {
    return this.cameras.list(byName(q), q);
  }

  getCamera(uuid: string): Promise<AllskyCameraEntity> {
    return this.cameras.get(uuid);
  }

  async createCamera(dto: CreateAllskyCameraDto): Promise<AllskyCameraEntity> {
    await this.assertSite(dto.observing_site);
    return this.cameras.create({ name: dto.name, observingSite: dto.observing_site ?? null });
  }

  async updateCamera(uuid: string, dto: UpdateAllskyCameraDto): Promise<AllskyCameraEntity> {
    await this.assertSite(dto.observing_site);
    return this.cameras.patch(uuid, { name: dto.name, observingSite: dto.observing_site });
  }

  async deleteCamera(uuid: string): Promise<void> {
    await this.cameras.remove(uuid);
  }

  private async assertSite(uuid: string | null | undefined): Promise<void> {
    if (uuid && !(await this.sites.exists(uuid))) throw fieldError('observing_site', `observing_site ${uuid} does not exist`);
  }
}

function coordinates(dto: UpdateObservingSiteDto): Partial<Pick<ObservingSiteEntity, 'longitude' | 'latitude' | 'height'>> {
  if (!dto.coordinates) return {};
  return { longitude: dto.coordinates.longitude, latitude: dto.coordinates.latitude, height: dto.coordinates.height ?? null };
}
