import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('equipment_profiles')
export class EquipmentProfileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'is_active', type: 'boolean', default: false })
  isActive: boolean;

  @Column({ name: 'last_used', type: 'timestamptz' })
  lastUsed: Date;

  /** NINA-style nested settings (CameraSettings, TelescopeSettings, ...), addressed by "A-B-C" paths. */
  @Column({ type: 'jsonb', default: {} })
  settings: Record<string, unknown>;
}
