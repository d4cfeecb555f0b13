import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Arcsecond's roles in an organisation (portal), weakest first. */
export const ORGANISATION_ROLES = ['visitor', 'member', 'admin', 'owner'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** An organisation, which Arcsecond clients call a portal and address by its subdomain. */
@Entity('archive_organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text', unique: true })
  subdomain: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A user's role in an organisation. */
@Entity('archive_memberships')
export class MembershipEntity {
  @PrimaryColumn({ type: 'uuid' })
  organisation: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: OrganisationRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
