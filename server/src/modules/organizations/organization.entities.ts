import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const GROUP_KINDS = ['tight', 'alliance', 'urban_rural'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const LOCALITIES = ['urban', 'township', 'rural'] as const;
export type Locality = (typeof LOCALITIES)[number];
export const STAGES = ['primary', 'junior', 'nine_year', 'senior', 'complete'] as const;
export type Stage = (typeof STAGES)[number];

@Entity('education_group')
export class EducationGroup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20 }) kind: GroupKind;
  @Column({ type: 'varchar', length: 100, default: '' }) region: string;
  @Column({ type: 'uuid', name: 'core_school_id', nullable: true }) coreSchoolId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('school')
export class School {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 20 }) code: string;
  @Column({ type: 'varchar', length: 20 }) locality: Locality;
  @Column({ type: 'varchar', length: 20 }) stage: Stage;
  @Column({ type: 'varchar', length: 100, default: '' }) district: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('group_membership')
export class GroupMembership {
  @PrimaryColumn({ type: 'uuid', name: 'group_id' }) groupId: string;
  @PrimaryColumn({ type: 'uuid', name: 'school_id' }) schoolId: string;
  @Column({ type: 'varchar', length: 10 }) role: 'core' | 'member';
  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' }) joinedAt: Date;
}
