import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type PinClaimMode = 'digital-input' | 'digital-output' | 'pwm';

/** A pin Skygate has claimed, with its name and last setting: survives restarts (the Allsky Server forgets). */
@Entity('gpio_pins')
export class GpioPinEntity {
  @PrimaryColumn('integer')
  pin: number;

  @Column('text')
  mode: PinClaimMode;

  /** Last driven level of an output (0/1); 0 for inputs and PWM. */
  @Column('smallint', { default: 0 })
  level: number;

  @Column('integer', { nullable: true })
  frequency: number | null;

  @Column('integer', { nullable: true })
  duty: number | null;

  @Column('text', { default: '' })
  name: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
