import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PermissionMap } from '../permissions/permissions';

@Entity('roles')
export class RoleEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'jsonb', default: {} })
  permissions: PermissionMap;

  /** Built-in roles can be edited but not deleted. */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;
}
